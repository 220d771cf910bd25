using System.ComponentModel;
using Spectre.Console.Cli;

namespace Asm.Research.Cli.Options;

/// <summary><c>--set key=value</c>, repeatable, for the commands that build a config (with <c>--threads</c> and <c>--json</c>).</summary>
public class ConfigSettings : ThreadSettings
{
    /// <summary>Every --set in the order given (a later one wins).</summary>
    [CommandOption("--set <KEY=VALUE>")]
    [Description("Set a config key (repeatable, applied in order after the other options, so it wins), " +
                 "e.g. asm.margin=0.5, asm.layers=1,2,3, optimizer.learningRate=0.01; the keys are in the README")]
    public string[] Set { get; init; } = [];
}
