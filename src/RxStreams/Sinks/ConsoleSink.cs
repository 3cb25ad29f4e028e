using System;
using System.Globalization;
using System.IO;

namespace RxStreams.Sinks;

/// <summary>
/// Writes each record as a line to an <see cref="Action{T}"/> (a logger) or a <see cref="TextWriter"/> (the console),
/// for exploration. <see cref="SinkGuarantee.AtLeastOnce"/>: a restarted job writes the records after its last
/// checkpoint again; outside a job, nothing is replayed. By default every record is written at once (batches of one).
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class ConsoleSink<T> : Sink<T>
{
    private readonly Action<string> _log;
    private readonly Func<T, string> _format;

    /// <summary>Writes each record's line to <paramref name="log"/>.</summary>
    /// <param name="log">Receives one line per record, without the line end.</param>
    /// <param name="format">Formats a record; null for its invariant-culture <c>ToString()</c>.</param>
    /// <param name="options">Batching; null for batches of one record.</param>
    public ConsoleSink(Action<string> log, Func<T, string>? format = null, SinkOptions? options = null)
        : base("ConsoleSink", options ?? new SinkOptions { BatchSize = 1 })
    {
        ArgumentNullException.ThrowIfNull(log);
        _log = log;
        _format = format ?? Invariant;
    }

    /// <summary>Writes each record as a line of <paramref name="writer"/> (for example <see cref="Console.Out"/>), flushed after each batch.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="format">Formats a record; null for its invariant-culture <c>ToString()</c>.</param>
    /// <param name="options">Batching; null for batches of one record.</param>
    public ConsoleSink(TextWriter writer, Func<T, string>? format = null, SinkOptions? options = null)
        : this(Lines(writer), format, options)
    {
        Writer = writer;
    }

    /// <summary>The writer the lines go to, when one was given.</summary>
    public TextWriter? Writer { get; }

    /// <inheritdoc />
    public override SinkGuarantee Guarantee => SinkGuarantee.AtLeastOnce;

    /// <inheritdoc />
    protected internal override SinkWriter<T> CreateWriter(SinkContext context) => new LineWriter(context, this);

    private static string Invariant(T value) => value is IFormattable formattable
        ? formattable.ToString(null, CultureInfo.InvariantCulture)
        : value?.ToString() ?? "";

    private static Action<string> Lines(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return writer.WriteLine;
    }

    private sealed class LineWriter(SinkContext context, ConsoleSink<T> sink) : SinkWriter<T>(context)
    {
        protected internal override void Write(ReadOnlySpan<T> batch)
        {
            foreach (var record in batch)
            {
                sink._log(sink._format(record));
            }

            sink.Writer?.Flush();
        }
    }
}
