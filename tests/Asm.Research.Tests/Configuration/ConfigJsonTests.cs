using System.Text.Json;
using Asm.Research.Configuration;
using Asm.Research.Training;

namespace Asm.Research.Tests.Configuration;

public sealed class ConfigJsonTests
{
    /// <summary>Records and configs are read by people: method names and Greek letters appear as themselves.</summary>
    [Fact]
    public void Written_json_keeps_plus_signs_and_greek_letters_readable()
    {
        string config = ConfigJson.Serialize(ExperimentConfig.ForMethod("bce+lovasz"));
        Assert.Contains("\"bce+lovasz\"", config);
        Assert.DoesNotContain("\\u002B", config);
        string record = JsonSerializer.Serialize(new Dictionary<string, string> { ["label"] = "asm+bce, λ = 1, φ₁–φ₃" }, RunResult.Json);
        Assert.Equal("{\"label\":\"asm+bce, λ = 1, φ₁–φ₃\"}", record);
        // Still JSON: quotes and control characters are escaped.
        Assert.Equal("{\"label\":\"a\\\"b\\n\"}", JsonSerializer.Serialize(new Dictionary<string, string> { ["label"] = "a\"b\n" }, RunResult.Json));
    }

    /// <summary>With '+' and '&lt;' no longer escaped by the writer, the report's data element escapes '&lt;' itself.</summary>
    [Fact]
    public void The_reports_embedded_json_cannot_end_its_script_element_and_still_parses()
    {
        const string label = "x</script><script>alert(1)</script><!--";
        var run = new RunResult
        {
            Method = "bce+lovasz", Seed = 0, TrainSeconds = 1,
            Test = new Asm.Research.Metrics.SegmentationScores(4, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5),
            TestOriginal = new Asm.Research.Metrics.SegmentationScores(4, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5),
        };
        string html = Asm.Research.Reports.RunReport.Build(label, [new Asm.Research.Reports.ReportedRun(label, run, new TrainingHistory())]).ToHtml();

        var element = System.Text.RegularExpressions.Regex.Match(html,
            "<script type=\"application/json\" id=\"asm-report-data\">(.*?)</script>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(element.Success);
        using var data = JsonDocument.Parse(element.Groups[1].Value);
        Assert.Equal(label, data.RootElement.GetProperty("title").GetString());
        Assert.Equal("bce+lovasz", data.RootElement.GetProperty("runs")[0].GetProperty("method").GetString());
    }
}
