using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Asm.Research.Tests.Notebooks;

/// <summary>
/// The notebooks are valid nbformat 4.5, as Jupyter reads them: every cell has an id, unique in its notebook
/// (nbformat warns on each read without them and says a later version will refuse the file).
/// </summary>
[Trait("Category", "Notebooks")]
public sealed partial class NotebookFormatTests
{
    public static TheoryData<string> AllNotebooks()
    {
        var data = new TheoryData<string>();
        foreach (var folder in new[] { RepoPaths.Notebooks, RepoPaths.Fixtures })
            foreach (var path in Directory.GetFiles(folder, "*.ipynb").Order(StringComparer.Ordinal))
                data.Add(Path.GetRelativePath(RepoPaths.Root, path));
        return data;
    }

    [Theory]
    [MemberData(nameof(AllNotebooks))]
    public void Every_cell_has_a_unique_valid_id(string notebook)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, notebook)))!;
        Assert.Equal(4, root["nbformat"]!.GetValue<int>());
        Assert.True(root["nbformat_minor"]!.GetValue<int>() >= 5, $"{notebook}: nbformat 4.5 or later is what the ids belong to");
        var ids = root["cells"]!.AsArray().Select((c, i) => (Cell: i + 1, Id: c!["id"]?.GetValue<string>())).ToList();
        foreach (var (cell, id) in ids)
            Assert.True(id is not null && CellId().IsMatch(id), $"{notebook} cell {cell}: id '{id}' is missing or not 1–64 of [A-Za-z0-9_-]");
        var repeated = ids.GroupBy(c => c.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(repeated.Count == 0, $"{notebook}: repeated cell ids {string.Join(", ", repeated)}");
    }

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex CellId();
}
