using System.Text.Json;
using Asm.Research.Training.Checkpoints;

namespace Asm.Research.Tests.Cli;

public sealed class ExportAndInitFromCliTests(TinyCheckpoint checkpoint) : IClassFixture<TinyCheckpoint>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("asm-export-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Export_writes_a_pt_file_once_and_train_init_from_records_it()
    {
        string file = Path.Combine(_dir, "predictor.pt");
        var export = CliProcess.Run("export", "--checkpoint", checkpoint.Run, "--out", file, "--json");
        Assert.True(export.ExitCode == 0, export.Stderr);
        using (var doc = JsonDocument.Parse(export.LastLine))
            Assert.True(doc.RootElement.GetProperty("tensors").GetInt32() > 0);
        byte[] written = File.ReadAllBytes(file);
        Assert.Equal("PK"u8.ToArray(), written[..2]); // PyTorch's zip format

        var again = CliProcess.Run("export", "--checkpoint", checkpoint.Run, "--out", file);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains(file, again.Stderr);
        Assert.Contains("--force", again.Stderr);
        Assert.Equal(written, File.ReadAllBytes(file));

        string run = Path.Combine(_dir, "second");
        var train = CliProcess.Run(["train", "--method", "asm+bce", "--seed", "3", "--init-from", file, "--out", run, "--json", .. TinyCheckpoint.Flags]);
        Assert.True(train.ExitCode == 0, train.Stderr);
        Assert.Equal(file, Checkpoint.ReadManifest(run).Config.Training.InitFrom);
    }

    [Fact]
    public void Init_from_a_missing_or_incompatible_source_exits_2_naming_it()
    {
        string missing = Path.Combine(_dir, "no-such-run");
        var absent = CliProcess.Run(["train", "--method", "bce", "--init-from", missing, "--out", Path.Combine(_dir, "a"), .. TinyCheckpoint.Flags]);
        Assert.Equal(2, absent.ExitCode);
        Assert.Contains(missing, absent.Stderr);

        // The tiny source has width 4; a width-8 predictor cannot start from it.
        var wide = CliProcess.Run(["compare", "--methods", "bce", "--init-from", checkpoint.Run, .. TinyCheckpoint.Flags, "--set", "predictor.width=8"]);
        Assert.Equal(2, wide.ExitCode);
        Assert.Contains(checkpoint.Run, wide.Stderr);
        Assert.Contains("shape", wide.Stderr);
    }

    [Fact]
    public void Export_of_a_missing_checkpoint_exits_2_naming_it()
    {
        string missing = Path.Combine(_dir, "nothing");
        var result = CliProcess.Run("export", "--checkpoint", missing, "--out", Path.Combine(_dir, "p.pt"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(missing, result.Stderr);
        Assert.False(File.Exists(Path.Combine(_dir, "p.pt")));
    }
}
