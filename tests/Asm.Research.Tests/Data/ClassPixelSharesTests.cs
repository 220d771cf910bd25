using Asm.Research.Data;
using Asm.Research.Data.Tasks;
using Asm.Research.Tests.Training;
using Asm.Research.Visuals;

namespace Asm.Research.Tests.Data;

/// <summary>Class pixel shares on hand-made label maps whose counts are known: void left out, both sizes counted apart.</summary>
public sealed class ClassPixelSharesTests
{
    private const byte V = SegmentationTask.VoidLabel;

    // A working-size map of 2×3 and an original of any size; the image is not read.
    private static SegmentationSample Sample(string name, byte[] working, LabelMask original) =>
        new(name, new float[3 * working.Length], working.Select(v => (float)v).ToArray(), 2, 3, original);

    [Fact]
    public void Shares_count_each_size_apart_and_leave_void_out()
    {
        // Working: a = 3 + 1, b = 1 + 3, c = 1; void 1 + 2 (not counted): 9 labelled pixels.
        // Original (4×3 and 2×2): a = 6 + 1, b = 2 + 0, c = 1 + 0, e = 0 + 1; void 3 + 2: 11 labelled pixels.
        var first = Sample("first", [0, 0, 1, V, 2, 0], new LabelMask(4, 3, [0, 0, 0, 0, 0, 0, 1, 1, 2, V, V, V]));
        var second = Sample("second", [1, 1, V, V, 1, 0], new LabelMask(2, 2, [V, 4, 0, V]));
        var shares = ClassPixelShares.Of([first, second], Tasks.FiveClasses);

        Assert.Equal(["a", "b", "c", "d", "e"], shares.Classes);
        Assert.Equal([4L, 4, 1, 0, 0], shares.Working);
        Assert.Equal([7L, 2, 1, 0, 1], shares.Original);
        AssertShares([4 / 9.0, 4 / 9.0, 1 / 9.0, 0, 0], shares.WorkingShares);
        AssertShares([7 / 11.0, 2 / 11.0, 1 / 11.0, 0, 1 / 11.0], shares.OriginalShares);
    }

    [Fact]
    public void All_void_maps_have_no_share_rather_than_zero()
    {
        var shares = ClassPixelShares.Of([Sample("void", [V, V, V, V, V, V], new LabelMask(1, 1, [V]))], Tasks.FiveClasses);
        Assert.All(shares.WorkingShares, s => Assert.Null(s));
        Assert.All(shares.OriginalShares, s => Assert.Null(s));
    }

    [Fact]
    public void A_label_that_is_neither_class_nor_void_is_refused_naming_the_sample()
    {
        var bad = Sample("frame-7", [0, 0, 0, 0, 0, 0], new LabelMask(1, 1, [9]));
        var error = Assert.Throws<ArgumentException>(() => ClassPixelShares.Of([bad], Tasks.FiveClasses));
        Assert.Contains("frame-7", error.Message);
        Assert.Contains("holds 9", error.Message);
    }

    [Fact]
    public void The_table_puts_both_shares_and_their_ratio_beside_each_class()
    {
        var shares = new ClassPixelShares(["a", "b"], [3, 1], [2, 2]);
        string html = ClassSharesTable.ToHtml(shares, Tasks.FiveClasses, "2×3");
        Assert.Contains("share at 2&#215;3", html); // "×", HTML-encoded
        Assert.Contains("background:#FF0000", html); // a's swatch
        // a: 75.00% working, 50.00% original, ratio 1.500; b: 25.00%, 50.00%, 0.500.
        Assert.Matches("75\\.00%.*50\\.00%.*1\\.500.*25\\.00%.*50\\.00%.*0\\.500", html);
        Assert.Contains("–", ClassSharesTable.ToHtml(new ClassPixelShares(["a"], [0], [0])));
    }

    private static void AssertShares(double[] expected, double?[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i]!.Value, 12);
    }
}
