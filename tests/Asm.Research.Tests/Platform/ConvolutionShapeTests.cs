using Asm.Research.Platform;

namespace Asm.Research.Tests.Platform;

public sealed class ConvolutionShapeTests
{
    [Theory]
    [InlineData("conv b8 3->16 64x64 k3 s1 p1", 64)]
    [InlineData("conv b8 1->32 128x128 k3 s2 p1 bias", 64)]
    [InlineData("conv b4 4->64 64x64 k4 s2 p1 bias", 32)]
    [InlineData("deconv b8 32->16 16x16 k2 s2 p0 bias", 32)]
    public void Round_trips_through_its_text_and_computes_the_output_side(string text, int outputSide)
    {
        var shape = ConvolutionShape.Parse(text);
        Assert.Equal(text, shape.ToString());
        Assert.Equal(outputSide, shape.OutputHeight);
        Assert.Equal(outputSide, shape.OutputWidth);
    }

    [Theory]
    [InlineData("conv 3->16 64x64 k3 s1 p1")]
    [InlineData("conv b8 3->16 2x2 k5 s1 p0")]
    [InlineData("conv b0 3->16 64x64 k3 s1 p1")]
    public void Refuses_text_that_is_not_a_shape(string text)
    {
        var e = Assert.Throws<FormatException>(() => ConvolutionShape.Parse(text));
        Assert.Contains(text, e.Message);
    }

    [Fact]
    public void A_worker_result_line_round_trips()
    {
        var r = new ConvolutionCheckResult(ConvolutionShape.Parse("conv b4 16->4 16x16 k3 s1 p1"), 2, 1.5e-7, double.PositiveInfinity, 3e-7, 0);
        Assert.Equal(r, ConvolutionCheckWorker.Parse(ConvolutionCheckWorker.Format(r)));
        Assert.Null(ConvolutionCheckWorker.Parse("onednn_verbose,v1,info,oneDNN v3.7.1"));
        Assert.False(r.Passes(ConvolutionGradientCheck.Threshold));
    }
}

public sealed class ConvolutionShapeReductionTests
{
    [Fact]
    public void The_self_check_runs_each_shape_at_most_32_px_and_batch_4_keeping_everything_else()
    {
        var big = ConvolutionShape.Parse("deconv b8 256->128 64x64 k2 s2 p0 bias");
        Assert.Equal("deconv b4 256->128 32x32 k2 s2 p0 bias", big.ReducedForCheck().ToString());
        var small = ConvolutionShape.Parse("conv b1 4->4 8x8 k3 s1 p1");
        Assert.Equal(small, small.ReducedForCheck());
    }
}
