using System.ComponentModel;
using System.Globalization;
using Asm.Research.Configuration;

namespace Asm.Research.Cli.Options;

/// <summary>A comma-separated list of method names (e.g. <c>--methods bce,asm</c>): known to the registry, at least one, none twice.</summary>
public sealed class MethodListConverter : TypeConverter
{
    /// <inheritdoc/>
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) => sourceType == typeof(string);

    /// <inheritdoc/>
    /// <exception cref="OptionValueException">Empty, unknown or repeated.</exception>
    public override object ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value)
    {
        string known = string.Join(", ", ExperimentConfig.Methods);
        var methods = ((string)value).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (methods.Length == 0)
            throw new OptionValueException($"expected a list of methods, some of {known}");
        foreach (var m in methods)
            if (!ExperimentConfig.Methods.Contains(m))
                throw new OptionValueException($"'{m}' is unknown; expected some of {known}");
        var repeated = methods.GroupBy(m => m).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw new OptionValueException($"'{repeated.Key}' is listed more than once");
        return (IReadOnlyList<string>)methods;
    }
}
