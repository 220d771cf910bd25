using System.Diagnostics;

namespace Asm.Research.Tests.Interop;

/// <summary>A Python interpreter that can <c>import torch</c>, if this machine has one (python3 on PATH, else Debian's /usr/bin/python3).</summary>
internal static class PythonTorch
{
    private static readonly Lazy<string?> Found = new(() => new[] { "python3", "/usr/bin/python3" }.FirstOrDefault(CanImportTorch));

    /// <summary>The interpreter's path or name, or null when none imports torch.</summary>
    public static string? Interpreter => Found.Value;

    /// <summary>Runs <paramref name="script"/> with <paramref name="args"/>; returns stdout, throwing with stderr on failure.</summary>
    public static string Run(string script, params string[] args)
    {
        var start = new ProcessStartInfo(Interpreter ?? throw new InvalidOperationException("no python with torch"))
            { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2))) { process.Kill(true); throw new TimeoutException("python did not finish in 2 minutes"); }
        if (process.ExitCode != 0) throw new InvalidOperationException($"python failed ({process.ExitCode}): {stderr.Result}");
        return stdout.Result;
    }

    private static bool CanImportTorch(string python)
    {
        try
        {
            var start = new ProcessStartInfo(python, ["-c", "import torch"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            process.StandardError.ReadToEnd();
            return process.WaitForExit(TimeSpan.FromMinutes(1)) && process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no such interpreter
        }
    }
}

/// <summary>A fact that needs Python's torch; skipped, saying why, on machines without it (e.g. apt-get install python3-torch).</summary>
public sealed class PythonTorchFactAttribute : FactAttribute
{
    public PythonTorchFactAttribute()
    {
        if (PythonTorch.Interpreter is null)
            Skip = "no Python that can 'import torch' (tried python3 and /usr/bin/python3; on Debian: apt-get install python3-torch)";
    }
}
