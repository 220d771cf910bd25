using System.Text.Json.Serialization;

namespace Asm.Research.Metrics.Classes;

/// <summary>Contextual confusion of a named pair of classes over a test set.</summary>
/// <param name="A">Name of the first class.</param>
/// <param name="B">Name of the second class.</param>
/// <param name="AAsB">Share of A's truth pixels predicted as B; null when A has no truth pixels.</param>
/// <param name="BAsA">Share of B's truth pixels predicted as A; null when B has no truth pixels.</param>
public sealed record ConfusionPairScore(
    [property: JsonPropertyName("a")] string A,
    [property: JsonPropertyName("b")] string B,
    [property: JsonPropertyName("a_as_b")] double? AAsB,
    [property: JsonPropertyName("b_as_a")] double? BAsA);
