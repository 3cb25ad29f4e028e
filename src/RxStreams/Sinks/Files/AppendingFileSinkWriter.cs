using System;
using System.IO;

namespace RxStreams.Sinks;

/// <summary>
/// The at-least-once file writer: parts are written under their final names, flushed and fsynced at barriers and at
/// the end; a restart appends the records after the last checkpoint again, in new parts.
/// </summary>
internal sealed class AppendingFileSinkWriter<T> : SinkWriter<T>
{
    private readonly PartFiles<T> _parts;
    private PartFile? _current;

    public AppendingFileSinkWriter(SinkContext context, PartFiles<T> parts)
        : base(context)
    {
        _parts = parts;
        Io(parts.FindCounter, "listing the parts");
    }

    protected internal override void Write(ReadOnlySpan<T> batch)
    {
        var part = _current ??= _parts.Open(hidden: false);
        var parts = _parts;
        try
        {
            parts.Write(part, batch);
        }
        catch (IOException ex)
        {
            throw new SinkUnavailableException(Context, $"writing part file '{part.Name}' failed: {ex.Message}", ex);
        }

        if (parts.ShouldRoll(part))
        {
            _current = null;
            Io(() => parts.Close(part), "closing a part file");
        }
    }

    protected internal override void Flush()
    {
        if (_current is { } part)
        {
            Io(() => _parts.Flush(part, durable: true), "flushing a part file");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _current is { } part)
        {
            // Visible parts keep what was encoded (at-least-once: the restart writes it again anyway).
            _current = null;
            try
            {
                _parts.Flush(part, durable: false);
            }
            catch (IOException)
            {
            }

            part.Stream.Dispose();
        }

        base.Dispose(disposing);
    }

    internal override void EndOfInput()
    {
        if (_current is { } part)
        {
            _current = null;
            Io(() => _parts.Close(part), "closing the last part file");
        }
    }

    private void Io(Action action, string doing)
    {
        try
        {
            action();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SinkUnavailableException(Context, $"{doing} in '{_parts.Directory}' failed: {ex.Message}", ex);
        }
    }
}
