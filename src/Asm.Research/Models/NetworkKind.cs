using Asm.Research.Configuration;

namespace Asm.Research.Models;

/// <summary>
/// The kit's network families. A method names the ones it trains (<c>MethodDefinition.Networks</c>), so
/// what depends on that — the oneDNN shape set, the gradient check, the memory estimate, the size bounds —
/// asks the method registry instead of testing method names.
/// </summary>
public enum NetworkKind
{
    /// <summary>The structured predictor S (<see cref="UNet"/>), from <see cref="ExperimentConfig.Predictor"/>; every method trains it.</summary>
    UNet,
    /// <summary>The structure analyzer A (<see cref="StructureAnalyzer"/>), from <see cref="ExperimentConfig.Analyzer"/>.</summary>
    Analyzer,
    /// <summary>cGAN's <see cref="PatchDiscriminator"/>, from <see cref="ExperimentConfig.Discriminator"/>.</summary>
    Discriminator,
}
