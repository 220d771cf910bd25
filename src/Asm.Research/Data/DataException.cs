namespace Asm.Research.Data;

/// <summary>Bad input data: the message names the file (or folder) and the problem.</summary>
public sealed class DataException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and, where possible, what to do; names the file.</param>
    /// <param name="path">The file or folder at fault, if any.</param>
    /// <param name="inner">The decoder's or file system's own exception, if any.</param>
    public DataException(string message, string? path = null, Exception? inner = null) : base(message, inner) => Path = path;

    /// <summary>The file or folder at fault, if any.</summary>
    public string? Path { get; }
}
