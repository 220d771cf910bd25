using Asm.Research.Data;

namespace Asm.Research.Tests.Data;

/// <summary>Images are read as they are displayed: an EXIF orientation turns the pixels the kit trains, scores and predicts on.</summary>
public sealed class ImageOrientationTests : IDisposable
{
    private readonly TestImages _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_image_with_orientation_6_is_read_turned_a_quarter_turn_clockwise(bool png)
    {
        // Stored 40 wide and 24 high, red growing to the right and green downwards.
        string path = OrientedImages.Write(_files.PathOf(png ? "o.png" : "o.jpg"), 40, 24, png);
        using var image = ImageFiles.ReadRgb(path, maxPixels: 10_000);
        Assert.Equal((24, 40), (image.Width, image.Height));
        // A quarter turn clockwise: the stored top row becomes the right column, the stored left column the top row.
        var topLeft = image[0, 0];
        var topRight = image[23, 0];
        var bottomRight = image[23, 39];
        Assert.True(topLeft.R < 30 && topLeft.G > 225, $"top left {topLeft}: expected the stored bottom-left corner (x 0, y max)");
        Assert.True(topRight.R < 30 && topRight.G < 30, $"top right {topRight}: expected the stored top-left corner");
        Assert.True(bottomRight.R > 225 && bottomRight.G < 30, $"bottom right {bottomRight}: expected the stored top-right corner");
    }

    [Fact]
    public void The_pixel_limit_and_a_mask_use_the_displayed_size()
    {
        string path = OrientedImages.Write(_files.PathOf("o.png"), 40, 24, png: true);
        using var grey = ImageFiles.ReadGray(path, maxPixels: 40 * 24);
        Assert.Equal((24, 40), (grey.Width, grey.Height));
        var refused = Assert.Throws<DataException>(() => ImageFiles.ReadRgb(path, maxPixels: 40 * 24 - 1));
        Assert.Contains("24×40", refused.Message);
        Assert.Contains("--set data.maxImagePixels", refused.Message);
    }
}
