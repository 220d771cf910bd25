using System.Text.Json.Serialization;

namespace Asm.Research.Platform;

/// <summary>
/// The instruction set oneDNN was capped at in this process, and why: what <c>result.json</c>
/// and <c>asm bench --json</c> record. <see cref="Isa"/> is an <c>ONEDNN_MAX_CPU_ISA</c> value
/// (e.g. <c>AVX2</c>), or <c>default</c> when nothing was capped (not Linux x64).
/// </summary>
/// <param name="Isa">The cap in effect.</param>
/// <param name="Source">user (ONEDNN_MAX_CPU_ISA set by hand), check (self-check run now), cache (an earlier self-check's verdict), fallback (the self-check could not decide), none (not applicable here).</param>
/// <param name="Reason">One line: what the self-check found, or why it was not used.</param>
public sealed record OneDnnIsaChoice(
    [property: JsonPropertyName("isa")] string Isa,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("reason")] string Reason)
{
    /// <summary>"AVX2 (check: …)": the form the CLI prints and notebooks show.</summary>
    public override string ToString() => $"{Isa} ({Source}: {Reason})";
}
