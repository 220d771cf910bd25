using static TorchSharp.torch;

namespace Asm.Research.Models;

/// <summary>
/// What the structure analyzer computed for one batch of label maps.
/// </summary>
/// <param name="Features">
/// Pre-ReLU outputs of the analyzer's convs in order: <c>Features[0]</c> = φ₁ … , only up to the
/// deepest feature that was asked for (all 9 from <see cref="StructureAnalyzer.forward"/>).
/// </param>
/// <param name="Reconstruction">The reconstruction logit, N×K×H×W at the input size; null when not asked for.</param>
public sealed record AnalyzerOutput(IReadOnlyList<Tensor> Features, Tensor? Reconstruction);
