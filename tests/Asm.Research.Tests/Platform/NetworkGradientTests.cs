using Asm.Research.Configuration;
using Asm.Research.Platform;
using static TorchSharp.torch;

namespace Asm.Research.Tests.Platform;

/// <summary>
/// Float32 gradients of every network against a float64 copy, under the oneDNN ISA this test host
/// chose (<see cref="TorchRuntime.OneDnnIsa"/>, for <see cref="NetworkConvolutions.KitDefaults"/>):
/// DESIGN.md's default widths, the quick widths and the notebooks' smoke widths, at 32 and 64 px, and
/// the default U-Net at the training size. Catches a native backend that computes wrong gradients (this
/// machine's oneDNN does for some channel counts under every ISA, see docs/ONEDNN.md). Each case runs on
/// an input without kink crossings (<see cref="NetworkGradientReport.KinkCrossings"/>): one activation on
/// the other side of a ReLU's kink in float32 puts ~2e-3 on every upstream gradient with every kernel right.
/// </summary>
public sealed class NetworkGradientTests
{
    public NetworkGradientTests() => TorchRuntime.EnsureLoaded();

    public static TheoryData<string, string, int, int> Cases()
    {
        var data = new TheoryData<string, string, int, int>();
        foreach (string preset in new[] { "default", "quick", "smoke" })
            foreach (int size in new[] { 32, 64 })
            {
                foreach (int threads in new[] { 1, 2 })
                {
                    data.Add("unet", preset, size, threads);
                    data.Add("analyzer", preset, size, threads);
                }
                if (size >= 64) data.Add("discriminator", preset, size, 2);
            }
        return data;
    }

    /// <summary>
    /// DESIGN.md's U-Net at the training size, 128 px, batch 1 (at batch 4 every input tried has kink crossings).
    /// </summary>
    [Fact]
    public void Default_unet_at_the_training_size() => Check("unet", "default", 128, threads: 2, batch: 1);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Float32_gradients_match_float64(string network, string preset, int size, int threads) => Check(network, preset, size, threads, batch: 4);

    private static void Check(string network, string preset, int size, int threads, int batch)
    {
        int before = get_num_threads();
        set_num_threads(threads);
        try
        {
            var kind = Enum.Parse<CheckedNetwork>(network, ignoreCase: true);
            var report = NetworkGradientCheck.RunWithoutKinkCrossings(kind, Preset(preset), size, batch, attempts: 12);
            Assert.True(report.KinkCrossings == 0,
                $"{network} ({preset} widths, {size} px, batch {batch}): every input tried has activations within float32 rounding of a ReLU's kink " +
                $"({report.KinkCrossings} on the last, seed {report.InputSeed}), so its gradients cannot test the backend (worst gradient error {report.Worst:G3})");
            foreach (var (name, error) in report.Errors)
                Assert.True(error < 1e-3,
                    $"{network} ({preset} widths, {size} px, {threads} thread(s), oneDNN {TorchRuntime.OneDnnIsa}): gradient of {name} is off by {error:G3} relative to float64");
        }
        finally
        {
            set_num_threads(before);
        }
    }

    private static ExperimentConfig Preset(string preset)
    {
        var full = new ExperimentConfig();
        return preset switch
        {
            "default" => full,
            "quick" => full.Quick(),
            _ => full.Quick() with
            {
                Predictor = new UNetConfig { Width = 4 },
                Analyzer = new AnalyzerConfig { Widths = [8, 8, 8, 8, 8] },
                Discriminator = new DiscriminatorConfig { WidthMultiplier = 1.0 / 16 },
            },
        };
    }
}
