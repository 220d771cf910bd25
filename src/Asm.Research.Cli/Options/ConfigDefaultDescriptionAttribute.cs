using System.ComponentModel;
using Asm.Research.Configuration;

namespace Asm.Research.Cli.Options;

/// <summary>
/// The help text of a flag that sets one config key and is left null when not given (so <c>--set</c> and
/// <c>--quick</c> can tell): the text, then the key's default and its <c>--quick</c> value read from the config
/// records themselves, so the help shows defaults (as Spectre's DEFAULT column would) and never a stale copy.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ConfigDefaultDescriptionAttribute(string text, string key) : DescriptionAttribute(text)
{
    /// <summary><c>text (default: D; --quick: Q)</c>, or <c>text (default: D)</c> when --quick keeps it.</summary>
    public override string Description
    {
        get
        {
            // Flatten gives JSON text: a string default comes quoted.
            var defaults = ConfigTree.Flatten(new ExperimentConfig()).ToDictionary(kv => kv.Key, kv => kv.Value.Trim('"'));
            var quick = ConfigTree.Flatten(new ExperimentConfig().Quick()).ToDictionary(kv => kv.Key, kv => kv.Value.Trim('"'));
            if (!defaults.TryGetValue(key, out var value)) return DescriptionValue;
            return quick.TryGetValue(key, out var quickValue) && quickValue != value
                ? $"{DescriptionValue} (default: {value}; --quick: {quickValue})"
                : $"{DescriptionValue} (default: {value})";
        }
    }
}
