using TorchSharp;

namespace Asm.Research.Training.Methods;

/// <summary>
/// Stops gradients from reaching a network's weights until disposed: while S is updated against
/// A or D, their weights must not move, and computing their gradients would be wasted work.
/// </summary>
public readonly struct Freeze : IDisposable
{
    private readonly torch.nn.Module _module;

    /// <summary>Freezes every parameter of <paramref name="module"/>.</summary>
    public Freeze(torch.nn.Module module)
    {
        _module = module;
        Set(false);
    }

    /// <summary>Lets gradients reach the weights again.</summary>
    public void Dispose() => Set(true);

    private void Set(bool value)
    {
        foreach (var parameter in _module.parameters()) parameter.requires_grad = value;
    }
}
