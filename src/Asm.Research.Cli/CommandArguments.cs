using System.Globalization;

namespace Asm.Research.Cli;

/// <summary>
/// The parsed words of one command: <c>--name value</c> options (repeatable ones keep every
/// value), <c>--flag</c> switches. Every option must be declared by the command, so a typo is
/// an error naming the option rather than a silently ignored word.
/// </summary>
public sealed class CommandArguments
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    /// <summary>Parses <paramref name="args"/> against the declared value options and flags.</summary>
    /// <exception cref="UsageException">Unknown option, missing value, or a stray word.</exception>
    public static CommandArguments Parse(string command, IReadOnlyList<string> args, IReadOnlySet<string> valueOptions, IReadOnlySet<string> flags)
    {
        var result = new CommandArguments();
        for (int i = 0; i < args.Count; i++)
        {
            string word = args[i];
            string name = word, inlineValue = "";
            bool hasInline = false;
            int eq = word.IndexOf('=');
            if (word.StartsWith("--") && eq > 2)
            {
                name = word[..eq];
                inlineValue = word[(eq + 1)..];
                hasInline = true;
            }
            if (flags.Contains(name) && !hasInline)
            {
                result._flags.Add(name);
            }
            else if (valueOptions.Contains(name))
            {
                string value = hasInline ? inlineValue
                    : i + 1 < args.Count && !args[i + 1].StartsWith("--") ? args[++i]
                    : throw new UsageException($"{command}: {name} needs a value");
                if (!result._values.TryGetValue(name, out var list)) result._values[name] = list = [];
                list.Add(value);
            }
            else
            {
                var known = valueOptions.Concat(flags).Order();
                throw new UsageException(word.StartsWith("--")
                    ? $"{command}: unknown option {name}. Options: {string.Join(" ", known)}"
                    : $"{command}: unexpected argument '{word}'. Options: {string.Join(" ", known)}");
            }
        }
        return result;
    }

    /// <summary>True when the switch was given.</summary>
    public bool Flag(string name) => _flags.Contains(name);

    /// <summary>The last value of an option, or null.</summary>
    public string? Value(string name) => _values.TryGetValue(name, out var list) ? list[^1] : null;

    /// <summary>Every value of a repeatable option.</summary>
    public IReadOnlyList<string> Values(string name) => _values.TryGetValue(name, out var list) ? list : [];

    /// <summary>A whole-number option whose range <see cref="Configuration.ConfigBounds"/> checks (with --set's values).</summary>
    public int? WholeNumber(string name)
    {
        string? text = Value(name);
        if (text is null) return null;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value
            : throw new UsageException($"{name} '{text}': expected a whole number");
    }

    /// <summary>A whole-number option, checked against a minimum.</summary>
    public int? Int(string name, int minimum = 1)
    {
        string? text = Value(name);
        if (text is null) return null;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < minimum)
            throw new UsageException($"{name} '{text}': expected a whole number of at least {minimum}");
        return value;
    }

    /// <summary>A comma-separated list of method names (e.g. --methods bce,asm): known, at least one, none twice.</summary>
    /// <exception cref="UsageException">Empty, unknown or repeated.</exception>
    public static IReadOnlyList<string> Methods(string text, string option)
    {
        var methods = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (methods.Length == 0)
            throw new UsageException($"{option} '{text}': expected a list of methods, some of {string.Join(", ", Configuration.ExperimentConfig.Methods)}");
        foreach (var m in methods)
            if (!Configuration.ExperimentConfig.Methods.Contains(m))
                throw new UsageException($"{option}: '{m}' is unknown; expected some of {string.Join(", ", Configuration.ExperimentConfig.Methods)}");
        var repeated = methods.GroupBy(m => m).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw new UsageException($"{option}: '{repeated.Key}' is listed more than once");
        return methods;
    }

    /// <summary>A comma-separated list of whole numbers (e.g. --seeds 0,1,2).</summary>
    public IReadOnlyList<int>? IntList(string name)
    {
        string? text = Value(name);
        if (text is null) return null;
        var items = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (items.Length == 0) throw new UsageException($"{name}: expected a list like 0,1,2");
        return items.Select(item => int.TryParse(item, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= 0
            ? v : throw new UsageException($"{name}: '{item}' is not a whole number ≥ 0")).ToList();
    }
}

/// <summary>Bad command-line usage; the message names the option. Exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
