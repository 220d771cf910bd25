namespace Asm.Research.Sweeps;

/// <summary>
/// Puts values into an sbatch script, each quoted for where it goes: a bash word, the value of an
/// <c>#SBATCH</c> line, or a comment. What cannot be carried safely is refused with a
/// <see cref="SweepException"/> naming the value, so no value can end a line and start a command.
/// </summary>
public static class SlurmText
{
    /// <summary>A word for bash: single-quoted unless it is plainly safe. Refuses a NUL, which no bash word can hold.</summary>
    public static string ShellWord(string what, string word)
    {
        if (word.Contains('\0')) throw new SweepException($"{what} '{Shown(word)}' holds a NUL character, which a shell script cannot carry");
        return word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_' or '+' or '=' or ',' or ':')
            ? word : $"'{word.Replace("'", "'\\''")}'";
    }

    /// <summary>
    /// The value of an <c>#SBATCH</c> line, unchanged, or a refusal: sbatch splits these lines at
    /// white space, reads quotes and '#' itself and expands '%' in file names, and a line break
    /// would end the directive and start a shell command (after which sbatch reads no more directives).
    /// </summary>
    public static string DirectiveValue(string what, string value)
    {
        char? bad = value.Cast<char?>().FirstOrDefault(c => char.IsControl(c!.Value) || char.IsWhiteSpace(c.Value) || c is '"' or '\'' or '\\' or '#' or '%');
        if (value.Length == 0 || bad is not null)
            throw new SweepException($"{what} '{Shown(value)}' cannot go into an #SBATCH line: " +
                                     (bad is null ? "it is empty" : $"it holds {Describe(bad.Value)}") +
                                     "; use a value without spaces, line breaks, quotes, '\\', '#' or '%'");
        return value;
    }

    /// <summary>Text for a comment line: every line break and other control character is shown as an escape, so the comment stays one line.</summary>
    public static string Comment(string text) => Shown(text);

    // Control characters and Unicode line/paragraph separators as \uXXXX (\n as \n), the rest as is.
    private static string Shown(string text) => string.Concat(text.Select(c => c switch
    {
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        _ when char.IsControl(c) || c is '\u2028' or '\u2029' => $"\\u{(int)c:x4}",
        _ => c.ToString(),
    }));

    private static string Describe(char c) => c switch
    {
        '\n' or '\r' or '\u0085' or '\u2028' or '\u2029' => "a line break",
        _ when char.IsWhiteSpace(c) => "a space",
        _ when char.IsControl(c) => $"a control character (U+{(int)c:X4})",
        _ => $"'{c}'",
    };
}
