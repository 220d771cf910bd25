using Asm.Research.Cli;
using Asm.Research.Notebooks;

namespace Asm.Research.Tests.Cli;

/// <summary>Every example in every <c>--help</c>: it parses, its settings validate, and what it names by name exists.</summary>
public sealed class HelpExampleTests
{
    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var example in CliApp.HelpExamples.Values.SelectMany(e => e)) data.Add(string.Join(' ', example));
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_example_parses_and_validates(string example)
    {
        string[] args = CliApp.HelpExamples.Values.SelectMany(e => e).First(e => string.Join(' ', e) == example);
        var settings = CliApp.Bind(args);
        Assert.True(settings is not null, $"asm {example}: does not parse");
        var validation = settings.Validate();
        Assert.True(validation.Successful, $"asm {example}: {validation.Message}");
    }

    /// <summary>A notebook example's <c>-p</c> names are parameters the notebook declares (the old example's "size" was not).</summary>
    [Fact]
    public void Notebook_examples_set_parameters_their_notebooks_declare()
    {
        foreach (var example in CliApp.HelpExamples["notebook run"])
        {
            var notebook = NotebookDocument.Load(Path.Combine(RepoRoot(), example[2]));
            var values = NotebookParameters.Parse(example.Select((a, i) => (a, i)).Where(p => p.i > 0 && example[p.i - 1] == "-p").Select(p => p.a));
            Assert.NotEmpty(values);
            NotebookParameters.Inject(notebook, values); // throws naming an undeclared parameter
        }
    }

    private static string RepoRoot() => Notebooks.RepoPaths.Root;
}
