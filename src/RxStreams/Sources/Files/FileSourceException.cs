using System;

namespace RxStreams;

/// <summary>
/// A line of an input file that a file source could not read: malformed (an unbalanced quote, a wrong number of
/// fields, invalid JSON), a field that does not parse, or a mapping function that threw (then the
/// <see cref="Exception.InnerException"/>). It says where: the file, the line number, the byte offset and the raw text.
/// Without dead letters it fails the source; with them it is the dead letter's error.
/// </summary>
public sealed class FileSourceException : Exception
{
    private const int MaxTextInMessage = 1000;

    /// <summary>Creates the exception.</summary>
    /// <param name="path">The file's full path.</param>
    /// <param name="lineNumber">The line's number, from 1.</param>
    /// <param name="byteOffset">The byte offset of the line in the file.</param>
    /// <param name="rawText">The line as read, without its line break.</param>
    /// <param name="reason">What is wrong with it.</param>
    /// <param name="innerException">The error behind it, if any.</param>
    public FileSourceException(string path, long lineNumber, long byteOffset, string rawText, string reason, Exception? innerException = null)
        : base(Describe(path, lineNumber, byteOffset, rawText, reason), innerException)
    {
        Path = path;
        LineNumber = lineNumber;
        ByteOffset = byteOffset;
        RawText = rawText;
        Reason = reason;
    }

    /// <summary>Creates the exception with a message only (for serializers and tests).</summary>
    public FileSourceException()
        : this(string.Empty, 0, 0, string.Empty, "unknown")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public FileSourceException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates the exception with a message and the error behind it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The error behind it.</param>
    public FileSourceException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Path = string.Empty;
        RawText = string.Empty;
        Reason = message;
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>The line's number in the file, from 1.</summary>
    public long LineNumber { get; }

    /// <summary>The byte offset of the line's first byte in the file.</summary>
    public long ByteOffset { get; }

    /// <summary>The line as read, without its line break (decoded as UTF-8).</summary>
    public string RawText { get; }

    /// <summary>What is wrong with the line, for example <c>unbalanced quote in field 2</c>.</summary>
    public string Reason { get; }

    /// <summary>The line as a <see cref="FileLine"/>, the record of its dead letter.</summary>
    public FileLine Line => new(Path, LineNumber, ByteOffset, RawText);

    private static string Describe(string path, long lineNumber, long byteOffset, string rawText, string reason)
    {
        var text = rawText.Length <= MaxTextInMessage ? rawText : string.Concat(rawText.AsSpan(0, MaxTextInMessage), "…");
        return $"{path}:{lineNumber} (byte {byteOffset}): {reason}: {text}";
    }
}
