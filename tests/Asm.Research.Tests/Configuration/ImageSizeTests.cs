using Asm.Research.Configuration;

namespace Asm.Research.Tests.Configuration;

public sealed class ImageSizeTests
{
    [Theory]
    [InlineData("128", 128, 128)]
    [InlineData("144x192", 144, 192)]
    [InlineData("144×192", 144, 192)]
    [InlineData(" 64X32 ", 64, 32)]
    public void Sizes_parse_as_a_square_or_height_by_width(string text, int height, int width) =>
        Assert.Equal(new ImageSize(height, width), ImageSize.Parse(text, "--size"));

    [Theory]
    [InlineData("")]
    [InlineData("12x")]
    [InlineData("-4")]
    [InlineData("1x2x3")]
    [InlineData("big")]
    public void A_bad_size_names_the_flag_and_the_forms(string text)
    {
        var e = Assert.Throws<ConfigException>(() => ImageSize.Parse(text, "--size"));
        Assert.Contains("--size", e.Message);
        Assert.Contains("144x192", e.Message);
    }

    [Fact]
    public void A_square_is_written_as_a_number_so_old_configs_read_the_same_and_a_rectangle_as_text()
    {
        var square = new ExperimentConfig();
        Assert.Contains("\"size\": 128", ConfigJson.Serialize(square));
        var rectangle = square with { Data = square.Data with { Size = new ImageSize(144, 192) } };
        string json = ConfigJson.Serialize(rectangle);
        Assert.Contains("\"size\": \"144x192\"", json);
        Assert.Equal(new ImageSize(144, 192), ConfigJson.Deserialize<ExperimentConfig>(json).Data.Size);
    }

    [Fact]
    public void Set_takes_a_rectangle_and_the_bounds_check_each_side_against_the_unet_depth()
    {
        var config = ConfigOverrides.Apply(new ExperimentConfig(), ["data.size=144x192"]);
        Assert.Equal(new ImageSize(144, 192), config.Data.Size);
        Assert.Empty(ConfigBounds.Problems(config));

        var odd = ConfigOverrides.Apply(new ExperimentConfig(), ["data.size=144x200"]);
        var problem = Assert.Single(ConfigBounds.Problems(odd));
        Assert.Equal("data.size", problem.Key);
        Assert.Contains("width (200)", problem.Message);
        Assert.Contains("208", problem.Message);
    }
}
