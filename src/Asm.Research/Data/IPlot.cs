namespace Asm.Research.Data;

/// <summary>Receives the pixels a shape covers (a struct, so the JIT inlines it into the fill loops).</summary>
internal interface IPlot
{
    void Plot(int index);
}
