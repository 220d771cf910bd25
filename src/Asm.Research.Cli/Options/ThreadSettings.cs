using System.ComponentModel;
using Asm.Research.Configuration;
using Spectre.Console.Cli;

namespace Asm.Research.Cli.Options;

/// <summary><c>--threads N</c> for the commands that run networks, with <c>--json</c>.</summary>
public class ThreadSettings : JsonSettings
{
    /// <summary>--threads N, or null for one per core.</summary>
    [CommandOption("--threads <N>")]
    [Description("Torch threads (default: one per core)")]
    public int? Threads { get; init; }

    /// <summary>--threads (default: one per core), checked against the same bound as training.threads.</summary>
    /// <exception cref="ConfigException">Out of range; the message names --threads.</exception>
    public int ThreadCount()
    {
        int threads = Threads ?? Environment.ProcessorCount;
        CommonOptions.Validate(new ExperimentConfig { Training = new TrainingConfig { Threads = threads } });
        return threads;
    }
}
