using Asm.Research.Notebooks;

namespace Asm.Research.Tests.Notebooks;

public sealed class NotebookParametersTests
{
    [Fact]
    public void Declarations_of_the_parameters_cell_are_found_with_their_types()
    {
        var declared = NotebookParameters.Declared("""
            // defaults
            int epochs = NotebookHost.Pick(smoke: 1, quick: 8, full: 40);
            string data = "synthetic";
            double margin = 0.8;
            int[] layers = { 1, 2 };
            config = config with { X = 1 };
            bool same == other;
            """);
        Assert.Equal(["epochs", "data", "margin", "layers"], declared.Keys);
        Assert.Equal("int[]", declared["layers"]);
    }

    [Theory]
    [InlineData("int", "3", "3")]
    [InlineData("double", "0.5", "0.5d")]
    [InlineData("float", "2", "2f")]
    [InlineData("long", "7", "7L")]
    [InlineData("bool", "True", "true")]
    [InlineData("string", "a \"b\"\\c", "\"a \\\"b\\\"\\\\c\"")]
    [InlineData("var", "12", "12")]
    [InlineData("var", "x y", "\"x y\"")]
    [InlineData("int[]", "new[] { 1, 2, 3 }", "new[] { 1, 2, 3 }")]
    public void Values_become_literals_of_the_declared_type(string type, string raw, string expected) =>
        Assert.Equal(expected, NotebookParameters.Literal("nb", "p", type, raw));

    [Theory]
    [InlineData("int", "1.5")]
    [InlineData("double", "NaN")]
    [InlineData("bool", "yes")]
    public void Values_that_do_not_fit_the_type_are_refused(string type, string raw) =>
        Assert.Contains($"declared {type}", Assert.Throws<NotebookException>(() => NotebookParameters.Literal("nb", "p", type, raw)).Message);

    [Fact]
    public void Pairs_need_a_name_and_an_equals_sign()
    {
        Assert.Equal("a=b", NotebookParameters.Parse(["x=a=b"])["x"]);
        Assert.Throws<NotebookException>(() => NotebookParameters.Parse(["novalue"]));
        Assert.Throws<NotebookException>(() => NotebookParameters.Parse(["1x=2"]));
    }
}
