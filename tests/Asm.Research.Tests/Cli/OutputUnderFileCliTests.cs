namespace Asm.Research.Tests.Cli;

/// <summary>
/// An output path under a file (--out of export, figures and predict, a sweep's root) is refused before any work,
/// naming the option and the file, with exit 2 and no stack trace (train's --out: <see cref="BadInputCliTests"/>).
/// </summary>
public sealed class OutputUnderFileCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("asm-under-file-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Blocker => Path.Combine(_dir, "notes.txt");

    private void AssertRefused(CliProcess.Result result, params string[] named)
    {
        CliAssert.Refused(result, [Blocker, .. named]);
        Assert.Equal("mine", File.ReadAllText(Blocker));
    }

    public OutputUnderFileCliTests() => File.WriteAllText(Blocker, "mine");

    [Fact]
    public void Export_out_under_a_file_is_refused()
    {
        AssertRefused(CliProcess.Run("export", "--checkpoint", Path.Combine(_dir, "no-run"), "--out", Path.Combine(Blocker, "predictor.pt")), "--out");
    }

    [Fact]
    public void Figures_out_that_is_or_lies_under_a_file_is_refused()
    {
        string run = Path.Combine(_dir, "no-run");
        AssertRefused(CliProcess.Run("figures", "--checkpoints", run, "--out", Path.Combine(Blocker, "figures")), "--out");
        AssertRefused(CliProcess.Run("figures", "--checkpoints", run, "--out", Blocker), "--out");
    }

    [Fact]
    public void Predict_out_under_a_file_is_refused()
    {
        AssertRefused(CliProcess.Run("predict", "--checkpoint", Path.Combine(_dir, "no-run"), "--input", _dir, "--out", Path.Combine(Blocker, "masks")), "--out");
    }

    [Fact]
    public void A_sweep_root_that_is_or_lies_under_a_file_is_refused()
    {
        foreach (var root in new[] { "notes.txt", "notes.txt/runs" })
        {
            string sweep = Path.Combine(_dir, "sweep.json");
            File.WriteAllText(sweep, $$"""{ "root": "{{root}}", "base": { "method": "bce", "set": ["data.size=32"] }, "seeds": [0] }""");
            AssertRefused(CliProcess.Run("sweep", "list", sweep), "$.root", sweep);
            AssertRefused(CliProcess.Run("sweep", "run", sweep, "--all"), "$.root", sweep);
        }
    }
}
