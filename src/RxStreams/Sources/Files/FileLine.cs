namespace RxStreams;

/// <summary>
/// A line of an input file that a file source could not turn into a record: the <see cref="DeadLetter.Record"/> of its
/// dead letter, so the line can be found, fixed and fed again.
/// </summary>
/// <param name="Path">The file's full path.</param>
/// <param name="LineNumber">The line's number in the file, from 1 (a CSV record with line breaks in quotes: its first line).</param>
/// <param name="ByteOffset">The byte offset of the line's first byte in the file.</param>
/// <param name="Text">The line as read, without its line break (decoded as UTF-8).</param>
public sealed record FileLine(string Path, long LineNumber, long ByteOffset, string Text)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}:{LineNumber} (byte {ByteOffset}): {Text}";
}
