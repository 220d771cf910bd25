using Asm.Research.Losses;
using Asm.Research.Platform;
using static TorchSharp.torch;

namespace Asm.Research.Tests.Losses;

public class OneHotLabelsTests
{
    public OneHotLabelsTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Classes_become_one_hot_vectors_and_void_a_zero_vector()
    {
        var labels = tensor(new long[] { 0, 255, 2, 1 }).view(1, 2, 2);
        var hot = OneHotLabels.Encode(labels, 3, ScalarType.Float64);
        Assert.Equal([1L, 3, 2, 2], hot.shape);
        Assert.Equal(ScalarType.Float64, hot.dtype);
        // Channel-major: channel c holds 1 where the label is c; the void pixel (0, 1) is 0 everywhere.
        double[] expected =
        [
            1, 0, 0, 0,
            0, 0, 0, 1,
            0, 0, 1, 0,
        ];
        Assert.Equal(expected, hot.view(-1).data<double>().ToArray());
        Assert.False(hot.requires_grad);
        // N×1×H×W and byte or float labels give the same.
        Assert.True(hot.allclose(OneHotLabels.Encode(labels.view(1, 1, 2, 2).to_type(ScalarType.Byte), 3, ScalarType.Float64), rtol: 0, atol: 0));
        Assert.True(hot.allclose(OneHotLabels.Encode(labels.to_type(ScalarType.Float32), 3, ScalarType.Float64), rtol: 0, atol: 0));
    }

    [Fact]
    public void Valid_mask_is_one_except_at_void()
    {
        var mask = OneHotLabels.ValidMask(tensor(new long[] { 0, 255, 2, 1 }).view(1, 1, 2, 2));
        Assert.Equal([1L, 1, 2, 2], mask.shape);
        Assert.Equal(ScalarType.Float32, mask.dtype);
        Assert.Equal([1f, 0, 1, 1], mask.view(-1).data<float>().ToArray());
    }

    [Fact]
    public void A_label_outside_the_classes_that_is_not_void_is_refused_by_value()
    {
        var labels = tensor(new long[] { 0, 255, 3, 1 }).view(1, 2, 2);
        var error = Assert.Throws<ArgumentException>(() => OneHotLabels.Encode(labels, 3, ScalarType.Float32));
        Assert.Contains("label 3", error.Message);
        Assert.Contains("label 254", Assert.Throws<ArgumentException>(
            () => OneHotLabels.Encode(full(1, 2, 2, 254, dtype: ScalarType.Byte), 3, ScalarType.Float32)).Message);
        Assert.Throws<ArgumentException>(() => OneHotLabels.Encode(zeros(2, 2, dtype: ScalarType.Int64), 3, ScalarType.Float32));
        Assert.Throws<ArgumentException>(() => OneHotLabels.Encode(zeros(1, 2, 2, 2, dtype: ScalarType.Int64), 3, ScalarType.Float32));
        Assert.Throws<ArgumentException>(() => OneHotLabels.Encode(zeros(1, 2, 2, dtype: ScalarType.Int64), 0, ScalarType.Float32));
    }
}
