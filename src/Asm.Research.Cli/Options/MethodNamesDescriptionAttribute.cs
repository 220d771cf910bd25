using System.ComponentModel;
using Asm.Research.Training.Methods;

namespace Asm.Research.Cli.Options;

/// <summary>
/// An option's help text that lists the registry's methods, so a new method shows up in the help
/// without editing it (an attribute's own text must be a constant).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MethodNamesDescriptionAttribute(string format, string separator) : DescriptionAttribute(format)
{
    /// <summary><c>format</c> with <c>{0}</c> replaced by the method names joined by the separator.</summary>
    public override string Description => string.Format(System.Globalization.CultureInfo.InvariantCulture, DescriptionValue, string.Join(separator, MethodRegistry.Names));
}
