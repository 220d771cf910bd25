namespace Asm.Research.Platform;

/// <summary>Runs the float32-vs-float64 convolution check under one oneDNN ISA cap (in a fresh process: oneDNN reads its cap once).</summary>
public interface IConvolutionChecker
{
    /// <summary>
    /// Results for every shape at every thread count in <paramref name="threads"/>. Throws
    /// <see cref="ConvolutionCheckUnavailableException"/> when the check cannot be run at all.
    /// </summary>
    IReadOnlyList<ConvolutionCheckResult> Check(string isa, IReadOnlyList<ConvolutionShape> shapes, IReadOnlyList<int> threads);
}

/// <summary>The self-check could not run (no checker program, or it failed); the message says why.</summary>
public sealed class ConvolutionCheckUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
