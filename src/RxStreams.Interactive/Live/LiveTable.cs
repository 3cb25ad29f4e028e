using System;

namespace RxStreams.Interactive.Live;

/// <summary>
/// What every live table keeps besides its rows: the watermark, how many results arrived, the progress figures the view
/// sets, how the stream ended and a version that changes with every visible change. Thread-safe: the rows of a derived
/// table are guarded by <see cref="Gate"/> too.
/// </summary>
public abstract class LiveTable : ILiveTable
{
    private long _version;

    private protected LiveTable()
    {
    }

    /// <summary>Guards the table's state, rows included.</summary>
    private protected object Gate { get; } = new();

    /// <inheritdoc />
    public long Watermark { get; private set; } = RxStreams.Watermark.MinValue;

    /// <summary>Results received (every update of every row).</summary>
    public long Results { get; private protected set; }

    /// <summary>Records too late for the operator, when the view knows them (a side output or metrics).</summary>
    public long? LateRecords { get; private set; }

    /// <summary>Input records seen so far, when the view knows them (a measuring point).</summary>
    public long? InputRecords { get; private set; }

    /// <summary>Processing time since the view started.</summary>
    public TimeSpan Elapsed { get; private set; }

    /// <inheritdoc />
    public bool Completed { get; private set; }

    /// <inheritdoc />
    public bool Stopped { get; private set; }

    /// <summary>The error that ended the stream, if any.</summary>
    public string? Error { get; private set; }

    /// <inheritdoc />
    public long Version
    {
        get
        {
            lock (Gate)
            {
                return _version;
            }
        }
    }

    /// <summary>Throughput: input records per second when they are known, else results per second; null before any processing time has passed.</summary>
    public double? PerSecond => Elapsed > TimeSpan.Zero ? (InputRecords ?? Results) / Elapsed.TotalSeconds : null;

    /// <summary>Sets what the view measured besides the results: elapsed processing time, input and late records.</summary>
    /// <param name="elapsed">Processing time since the view started.</param>
    /// <param name="inputRecords">Input records so far, or null when unknown.</param>
    /// <param name="lateRecords">Records too late for the operator so far, or null when unknown.</param>
    public void SetProgress(TimeSpan elapsed, long? inputRecords, long? lateRecords)
    {
        lock (Gate)
        {
            Elapsed = elapsed;
            InputRecords = inputRecords;
            LateRecords = lateRecords;
        }
    }

    /// <summary>Marks the stream as completed, or failed with <paramref name="error"/>.</summary>
    /// <param name="error">The error, or null for a normal completion.</param>
    public void Complete(Exception? error = null)
    {
        lock (Gate)
        {
            Completed = true;
            Error = error is null ? null : Rendering.ErrorText.Message(error);
            _version++;
        }
    }

    /// <inheritdoc />
    public void MarkStopped()
    {
        lock (Gate)
        {
            Stopped = true;
            _version++;
        }
    }

    /// <inheritdoc />
    string? ILiveTable.Failure => Error;

    /// <inheritdoc />
    void ILiveTable.MarkCompleted(Exception? failure) => Complete(failure);

    /// <inheritdoc />
    public abstract string ToHtml(string? title, int maxRows, long freshSince);

    /// <inheritdoc />
    public abstract string ToText();

    /// <summary>Takes a watermark element (under <see cref="Gate"/>): a higher watermark replaces the current one.</summary>
    private protected void AdvanceWatermark(long watermark)
    {
        if (watermark > Watermark)
        {
            Watermark = watermark;
            _version++;
        }
    }

    /// <summary>A row changed (under <see cref="Gate"/>); returns the new version, which the row records.</summary>
    private protected long NextVersion() => ++_version;
}
