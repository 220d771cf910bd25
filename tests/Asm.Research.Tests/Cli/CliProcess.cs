using System.Diagnostics;

namespace Asm.Research.Tests.Cli;

/// <summary>Runs the built <c>asm</c> command line as a child process, as a script would.</summary>
internal static class CliProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string LastLine => Stdout.TrimEnd().Split('\n')[^1];
    }

    public static Result Run(params string[] args) => Run(new Dictionary<string, string>(), args);

    /// <summary>Runs with <paramref name="environment"/> added to this process's environment.</summary>
    public static Result Run(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Run(environment, TimeSpan.FromMinutes(3), args);

    /// <summary>
    /// Runs with <paramref name="environment"/> added, killed after <paramref name="timeout"/> (a hung child must
    /// not hang the suite; a longer run needs a longer bound on a loaded machine).
    /// </summary>
    public static Result Run(IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] args) =>
        Wait(Start(environment.ToDictionary(kv => kv.Key, kv => (string?)kv.Value), args), timeout, args);

    /// <summary>Runs in <paramref name="workingDirectory"/> (for commands that write relative to it, e.g. the default runs/ folder).</summary>
    public static Result RunIn(string workingDirectory, params string[] args) =>
        Wait(StartIn(workingDirectory, new Dictionary<string, string?>(), args), TimeSpan.FromMinutes(3), args);

    private static Result Wait(Process started, TimeSpan timeout, string[] args)
    {
        using var process = started;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"asm {string.Join(' ', args)} did not finish in {timeout.TotalMinutes:0} minutes");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts the command line without waiting; a null value removes the variable from the child's environment.</summary>
    public static Process Start(IReadOnlyDictionary<string, string?> environment, params string[] args) => StartIn(null, environment, args);

    private static Process StartIn(string? workingDirectory, IReadOnlyDictionary<string, string?> environment, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? Path.GetTempPath() };
        foreach (var (name, value) in environment)
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "asm.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        return Process.Start(start)!;
    }
}
