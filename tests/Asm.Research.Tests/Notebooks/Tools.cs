using System.Diagnostics;
using System.Text;

namespace Asm.Research.Tests.Notebooks;

/// <summary>Process helpers for the notebook harness.</summary>
internal static class Tools
{
    /// <summary>Runs a process to completion or kills it (with its children) after <paramref name="timeout"/>.</summary>
    public static (int Exit, string StdOut, string StdErr) Run(ProcessStartInfo start, TimeSpan timeout, string what)
    {
        using var process = new Process { StartInfo = start };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"{what} did not finish within {timeout.TotalSeconds:0} s and was stopped.");
        }
        process.WaitForExit();
        return (process.ExitCode, stdout.ToString(), stderr.ToString());
    }
}
