using Microsoft.DotNet.Interactive;

namespace Asm.Research.Notebooks;

/// <summary>
/// The kit as a .NET Interactive kernel extension: loading it registers <see cref="KitFormatters"/>.
/// Notebooks load it through <see cref="NotebookKit.Load"/> (kernels load extensions by themselves
/// only from NuGet packages, and the kit is not one).
/// </summary>
public sealed class KitExtension : IKernelExtension
{
    /// <inheritdoc />
    public Task OnLoadAsync(Kernel kernel)
    {
        KitFormatters.Register();
        return Task.CompletedTask;
    }
}
