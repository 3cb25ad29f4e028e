using System;

namespace RxStreams.Ingestion;

/// <summary>
/// Turns the lines of a file into records for a file source: one policy per format (CSV, JSON lines) over one reader
/// that finds the lines, keeps the byte offsets and reports bad lines.
/// </summary>
internal abstract class LineFormat<T>
{
    /// <summary>True when the first line of every file is a header, read by <see cref="OnHeader"/> rather than <see cref="Decode"/>.</summary>
    public virtual bool HasHeader => false;

    /// <summary>True when a line break inside quotes belongs to the record (CSV with <c>LineBreaksInQuotes</c>).</summary>
    public virtual bool LineBreaksInQuotes => false;

    /// <summary>
    /// Reads a file's header line, the first time the reader opens the file (also when it resumes past the header);
    /// returns what the format keeps of it, handed back by <see cref="UseHeader"/> when the file is opened again.
    /// </summary>
    /// <param name="line">The header, without its line break.</param>
    public virtual object? OnHeader(ReadOnlySpan<byte> line) => null;

    /// <summary>Makes the header that <see cref="OnHeader"/> read from a file the current one again, when that file is reopened.</summary>
    /// <param name="header">What <see cref="OnHeader"/> returned.</param>
    public virtual void UseHeader(object? header)
    {
    }

    /// <summary>What runs the user's code, for the reason of a line it threw on: <c>the mapping function</c>, <c>deserialization</c>.</summary>
    public abstract string UserCode { get; }

    /// <summary>Decodes one record; a malformed one throws <see cref="MalformedLineException"/>, user code anything.</summary>
    /// <param name="line">The record's bytes without the line break (and its CR).</param>
    public abstract T Decode(ReadOnlySpan<byte> line);
}

/// <summary>A line that is not in the format: the reason becomes the <see cref="FileSourceException.Reason"/>.</summary>
internal sealed class MalformedLineException(string reason, Exception? inner = null) : Exception(reason, inner);
