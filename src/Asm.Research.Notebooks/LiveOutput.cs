using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace Asm.Research.Notebooks;

/// <summary>
/// One output of the current cell that can be replaced in place. Unlike the value returned by
/// .NET Interactive's <c>display(…)</c> — whose updates carry a display id that the first display
/// never had (measured with 1.0.0-beta.26120.1: <c>DisplayedValueProduced</c> and the following
/// <c>DisplayedValueUpdated</c> events differ in <c>ValueId</c>, so front ends cannot match them) —
/// it publishes the display and every update under one id.
/// </summary>
public sealed class LiveOutput
{
    private readonly KernelInvocationContext _context;
    private readonly string _id = Guid.NewGuid().ToString("N");

    private LiveOutput(KernelInvocationContext context) => _context = context;

    /// <summary>Shows <paramref name="value"/> (formatted by the registered formatters) in the running cell.</summary>
    public static LiveOutput Show(object value)
    {
        var context = KernelInvocationContext.Current
            ?? throw new InvalidOperationException("A live output needs a running notebook cell (.NET Interactive kernel).");
        var output = new LiveOutput(context);
        context.Publish(new DisplayedValueProduced(value, context.Command, Format(value), output._id));
        return output;
    }

    /// <summary>Replaces what this output shows.</summary>
    public void Update(object value) => _context.Publish(new DisplayedValueUpdated(value, _id, _context.Command, Format(value)));

    private static IReadOnlyCollection<FormattedValue> Format(object value) =>
        FormattedValue.CreateManyFromObject(value, HtmlFormatter.MimeType);
}
