using System.ComponentModel;
using System.Globalization;

namespace Asm.Research.Cli.Options;

/// <summary>A number written the same on every machine (<c>0.5</c>, never <c>0,5</c>): the default converter would read the user's culture.</summary>
public sealed class InvariantDoubleConverter : TypeConverter
{
    /// <inheritdoc/>
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) => sourceType == typeof(string);

    /// <inheritdoc/>
    /// <exception cref="OptionValueException">Not a number.</exception>
    public override object ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        double.TryParse((string)value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number)
            ? number : throw new OptionValueException("expected a number");
}
