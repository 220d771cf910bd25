using System.Diagnostics;

namespace Asm.Research.Platform;

/// <summary>
/// Runs <see cref="ConvolutionCheckWorker"/> in a child process of the <c>asm</c> command line with
/// <c>ONEDNN_MAX_CPU_ISA</c> set to the candidate, shapes on its stdin, results on its stdout.
/// </summary>
public sealed class ChildProcessConvolutionChecker : IConvolutionChecker
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);
    private readonly string _program;
    private readonly string[] _leadingArguments;

    /// <summary>A checker that starts <paramref name="program"/> with <paramref name="leadingArguments"/> (e.g. <c>dotnet</c>, <c>asm.dll</c>) before the verb.</summary>
    public ChildProcessConvolutionChecker(string program, params string[] leadingArguments)
    {
        _program = program;
        _leadingArguments = leadingArguments;
    }

    /// <summary>
    /// The <c>asm</c> command line nearest to the kit, for hosts that are not it (test host,
    /// notebook kernel): <c>asm.dll</c> beside Asm.Research.dll (test and CLI output folders), else
    /// the CLI's build output in the repository that holds the kit (notebooks' <c>artifacts/kit</c>).
    /// Null when there is none, or no <c>dotnet</c> to run it with.
    /// </summary>
    public static ChildProcessConvolutionChecker? Find()
    {
        string? kitDir = Path.GetDirectoryName(typeof(ChildProcessConvolutionChecker).Assembly.Location);
        if (string.IsNullOrEmpty(kitDir) || DotnetHost() is not { } dotnet) return null;
        var candidates = new List<string> { Path.Combine(kitDir, "asm.dll") };
        for (var dir = new DirectoryInfo(kitDir); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Asm.Research.sln"))) continue;
            foreach (string configuration in new[] { "Release", "Debug" })
                candidates.Add(Path.Combine(dir.FullName, "src", "Asm.Research.Cli", "bin", configuration, "net10.0", "asm.dll"));
            break;
        }
        return candidates.FirstOrDefault(File.Exists) is { } cli ? new ChildProcessConvolutionChecker(dotnet, cli) : null;
    }

    private static string? DotnetHost()
    {
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        string exe = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        var dirs = new[] { Environment.GetEnvironmentVariable("DOTNET_ROOT") }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator));
        return dirs.Where(d => !string.IsNullOrEmpty(d)).Select(d => Path.Combine(d!, exe)).FirstOrDefault(File.Exists);
    }

    /// <inheritdoc/>
    public IReadOnlyList<ConvolutionCheckResult> Check(string isa, IReadOnlyList<ConvolutionShape> shapes, IReadOnlyList<int> threads)
    {
        var start = new ProcessStartInfo(_program)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in _leadingArguments) start.ArgumentList.Add(a);
        foreach (var a in new[] { ConvolutionCheckWorker.Verb, "--threads", string.Join(",", threads) }) start.ArgumentList.Add(a);
        start.Environment[OneDnnIsaSelector.IsaVariable] = isa;
        start.Environment[OneDnnIsaSelector.ReasonVariable] = "self-check child";
        start.Environment.Remove("ONEDNN_VERBOSE");

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("no process");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new ConvolutionCheckUnavailableException($"could not start {_program}: {e.Message}", e);
        }
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            foreach (var shape in shapes) process.StandardInput.WriteLine(shape.ToString());
            process.StandardInput.Close();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new ConvolutionCheckUnavailableException($"the self-check under {isa} did not finish in {Timeout.TotalMinutes:0} minutes");
            }
            var results = output.Result.Split('\n').Select(l => ConvolutionCheckWorker.Parse(l.TrimEnd('\r'))).OfType<ConvolutionCheckResult>().ToList();
            if (process.ExitCode != 0 || results.Count != shapes.Count * threads.Count)
            {
                // A crash under a candidate ISA (e.g. an illegal instruction) is a failed check, not a missing checker.
                string last = error.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim() ?? "";
                throw new ConvolutionCheckFailedException(
                    $"the self-check under {isa} exited with code {process.ExitCode} after {results.Count} of {shapes.Count * threads.Count} results{(last.Length > 0 ? $": {last}" : "")}");
            }
            return results;
        }
    }
}

/// <summary>The self-check child under a candidate ISA crashed or gave too few results: that candidate fails.</summary>
public sealed class ConvolutionCheckFailedException(string message) : Exception(message);
