namespace Asm.Research.Tests.Cli;

/// <summary>One tiny trained run (bce, 32×32, one epoch on 8 synthetic horses), shared by a test class; deleted afterwards.</summary>
public sealed class TinyCheckpoint : IDisposable
{
    /// <summary>The tiny config's flags, for commands that train.</summary>
    public static readonly string[] Flags =
    [
        "--size", "32", "--epochs", "1", "--batch", "4", "--threads", "1",
        "--set", "data.syntheticTrain=8", "--set", "data.syntheticTest=4", "--set", "predictor.width=4",
        "--set", "analyzer.widths=8,8,8,8,8",
    ];

    public TinyCheckpoint()
    {
        var train = CliProcess.Run(["train", "--method", "bce", "--out", Run, "--json", .. Flags]);
        if (train.ExitCode != 0) throw new InvalidOperationException($"training the tiny checkpoint failed: {train.Stderr}");
    }

    /// <summary>A temporary folder for this fixture's files.</summary>
    public string Root { get; } = Directory.CreateTempSubdirectory("asm-tiny-run-").FullName;

    /// <summary>The run folder (holding checkpoint/ and result.json).</summary>
    public string Run => Path.Combine(Root, "run");

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}
