using System.ComponentModel;
using System.Globalization;

namespace Asm.Research.Cli.Options;

/// <summary>A comma-separated list of whole numbers ≥ 0 (e.g. <c>--seeds 0,1,2</c>) as an <see cref="IReadOnlyList{T}"/> of int.</summary>
public sealed class IntListConverter : TypeConverter
{
    /// <inheritdoc/>
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) => sourceType == typeof(string);

    /// <inheritdoc/>
    /// <exception cref="OptionValueException">Empty, or an item that is not a whole number ≥ 0.</exception>
    public override object ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value)
    {
        var items = ((string)value).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (items.Length == 0) throw new OptionValueException("expected a list like 0,1,2");
        return items.Select(item => int.TryParse(item, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= 0
            ? v : throw new OptionValueException($"'{item}' is not a whole number ≥ 0")).ToList();
    }
}
