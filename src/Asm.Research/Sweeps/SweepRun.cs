using Asm.Research.Configuration;

namespace Asm.Research.Sweeps;

/// <summary>One run of an expanded sweep: its place in the order, its stable name, its own folder and its config.</summary>
/// <param name="Index">0-based position in the sweep's order (the array task or completion index).</param>
/// <param name="Name">Readable, stable name, e.g. <c>asm+bce/asm.layers=1,2,3/seed1</c>.</param>
/// <param name="Folder">Absolute folder under the sweep's root, one per run.</param>
/// <param name="Config">The config, built as the CLI builds one: method preset, then every <c>--set</c> in order, then the seed.</param>
public sealed record SweepRun(int Index, string Name, string Folder, ExperimentConfig Config)
{
    /// <summary>The name without its seed segment: what the seeds of one setting share.</summary>
    public string Setting => Name[..Name.LastIndexOf('/')];
}
