using System.Reflection;
using Asm.Research.Platform;

namespace Asm.Research.Tests.Notebooks;

public sealed class NotebookHostTests
{
    [Fact]
    public void Initialize_is_idempotent_and_says_what_it_did()
    {
        string first = NotebookHost.Initialize();
        Assert.Equal(first, NotebookHost.Initialize());
        Assert.Contains("FSharp.Core:", first);
        Assert.Contains("Torch:", first);
    }

    [Fact]
    public void Newer_fsharp_core_requests_map_to_the_loaded_one()
    {
        var loaded = typeof(Microsoft.FSharp.Core.FSharpOption<int>).Assembly;
        var request = new AssemblyName("FSharp.Core, Version=99.0.0.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a");
        Assert.Same(loaded, NotebookHost.ResolveFSharpCore(request));
        Assert.Null(NotebookHost.ResolveFSharpCore(new AssemblyName("Something.Else")));
    }

    [Theory]
    [InlineData(null, "quick")]
    [InlineData(" Smoke ", "smoke")]
    [InlineData("full", "full")]
    public void Mode_defaults_to_quick(string? value, string expected) => Assert.Equal(expected, NotebookHost.ParseMode(value));

    [Fact]
    public void Unknown_mode_names_the_allowed_ones() =>
        Assert.Contains("smoke, quick or full", Assert.Throws<ArgumentException>(() => NotebookHost.ParseMode("fast")).Message);
}
