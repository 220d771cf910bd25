using System.ComponentModel;
using System.Globalization;
using Asm.Research.Configuration;

namespace Asm.Research.Cli.Options;

/// <summary>A comma-separated list of sizes, each N (a square) or HxW (e.g. <c>--sizes 64,144x192</c>), as an <see cref="IReadOnlyList{T}"/> of <see cref="ImageSize"/>.</summary>
public sealed class SizeListConverter : TypeConverter
{
    /// <inheritdoc/>
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) => sourceType == typeof(string);

    /// <inheritdoc/>
    /// <exception cref="OptionValueException">Empty, or an item that is neither N nor HxW.</exception>
    public override object ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value)
    {
        var items = ((string)value).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (items.Length == 0) throw new OptionValueException("expected a list like 64,128 or 144x192");
        return items.Select(item => ImageSize.TryParse(item, out var size) && size.MinSide > 0
            ? size : throw new OptionValueException($"'{item}' is not a size: expected N (a square) or HEIGHTxWIDTH")).ToList();
    }
}
