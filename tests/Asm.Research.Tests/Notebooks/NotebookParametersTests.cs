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
    [InlineData("int[]", "1, 2,3", "new int[] { 1, 2, 3 }")]
    [InlineData("double[]", "[0.5, 1]", "new double[] { 0.5d, 1d }")]
    [InlineData("string[]", "[\"a,b\", \"c\"]", "new string[] { \"a,b\", \"c\" }")]
    [InlineData("bool[]", "", "new bool[] {  }")]
    [InlineData("int?", "null", "null")]
    [InlineData("int?", "4", "4")]
    [InlineData("string?", "null", "\"null\"")]
    public void Values_become_literals_of_the_declared_type(string type, string raw, string expected) =>
        Assert.Equal(expected, NotebookParameters.Literal("nb", "p", type, raw));

    [Theory]
    [InlineData("int", "1.5")]
    [InlineData("double", "NaN")]
    [InlineData("bool", "yes")]
    public void Values_that_do_not_fit_the_type_are_refused(string type, string raw) =>
        Assert.Contains($"declared {type}", Assert.Throws<NotebookException>(() => NotebookParameters.Literal("nb", "p", type, raw)).Message);

    /// <summary>The original hole: any type but the six scalars took the value as C# code.</summary>
    [Theory]
    [InlineData("double[]", "new[]{0.5}; System.IO.File.WriteAllText(\"x\", \"y\")")]
    [InlineData("int[]", "new[] { 1, 2, 3 }")]
    [InlineData("double[]", "[0.5, \"x\"]")]
    [InlineData("double[]", "[0.5")]
    public void Array_values_that_are_not_literals_are_refused(string type, string raw) =>
        Assert.Contains($"declared {type}", Assert.Throws<NotebookException>(() => NotebookParameters.Literal("nb", "p", type, raw)).Message);

    [Theory]
    [InlineData("TimeSpan")]
    [InlineData("Config")]
    [InlineData("List<int>")]
    [InlineData("var[]")]
    public void Other_declared_types_are_refused_naming_those_accepted(string type)
    {
        string message = Assert.Throws<NotebookException>(() => NotebookParameters.Literal("nb", "p", type, "1")).Message;
        Assert.Contains($"parameter p is declared {type}", message);
        Assert.Contains("bool, int, long, float, double, string", message);
    }

    /// <summary>C# ends a line (and so a "..." literal) at U+0085, U+2028 and U+2029 too; the literal must carry them escaped.</summary>
    [Theory]
    [InlineData("a\u2028b")]
    [InlineData("a\u2029b")]
    [InlineData("a\u0085b\r\n\"c\\")]
    public void String_values_with_any_line_break_round_trip_through_the_compiler(string value)
    {
        string literal = NotebookParameters.Literal("nb", "p", "string", value);
        Assert.DoesNotContain(literal, c => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029');
        var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText($"class C {{ string s = {literal}; }}");
        Assert.Empty(tree.GetDiagnostics());
        var token = tree.GetRoot().DescendantTokens().Single(t => t.RawKind == (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.StringLiteralToken);
        Assert.Equal(value, token.ValueText);
    }

    [Fact]
    public void Pairs_need_a_name_and_an_equals_sign()
    {
        Assert.Equal("a=b", NotebookParameters.Parse(["x=a=b"])["x"]);
        Assert.Throws<NotebookException>(() => NotebookParameters.Parse(["novalue"]));
        Assert.Throws<NotebookException>(() => NotebookParameters.Parse(["1x=2"]));
    }
}
