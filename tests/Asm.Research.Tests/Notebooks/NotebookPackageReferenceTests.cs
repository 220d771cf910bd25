using System.Text.Json.Nodes;

namespace Asm.Research.Tests.Notebooks;

/// <summary>
/// <c>#r "nuget:"</c> in a notebook: the pinned DotNet.Interactive.PackageManagement resolves packages with
/// FSharp.Compiler.Service 43.10.111 running on Plotly.NET's FSharp.Core 10.1.403, a pair NuGet warns about (NU1608,
/// scoped off in the csproj files). This is the check that the pair works; a compiler "matching" the FSharp.Core
/// (43.12.403) fails here with a MissingMethodException.
/// </summary>
[Trait("Category", "Notebooks")]
public sealed class NotebookPackageReferenceTests
{
    [Fact]
    public void A_package_reference_restores_and_its_types_run()
    {
        string folder = Directory.CreateTempSubdirectory("asm-nuget-ref-").FullName;
        try
        {
            // Humanizer.Core is one of PackageManagement's own dependencies, so it is in the NuGet cache offline too.
            string notebook = Path.Combine(folder, "package-reference.ipynb");
            File.WriteAllText(notebook, new JsonObject
            {
                ["nbformat"] = 4, ["nbformat_minor"] = 5,
                ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["name"] = ".net-csharp", ["display_name"] = ".NET (C#)", ["language"] = "C#" } },
                ["cells"] = new JsonArray(Cell("#r \"nuget: Humanizer.Core, 2.14.1\""), Cell("using Humanizer;\n\"package_reference_works\".Humanize()")),
            }.ToJsonString());

            var run = NotebookRun.Execute(notebook);

            Assert.True(run.ExitCode == 0 && run.Errors.Count == 0, run.Describe());
            Assert.Contains("\"package reference works\"", File.ReadAllText(run.OutputPath));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    private static JsonObject Cell(string source) => new()
    {
        ["cell_type"] = "code", ["execution_count"] = null, ["outputs"] = new JsonArray(),
        ["metadata"] = new JsonObject { ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" } },
        ["source"] = source,
    };
}
