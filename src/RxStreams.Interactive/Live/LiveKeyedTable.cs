using System;
using System.Collections.Generic;
using System.Linq;
using RxStreams.Interactive.Rendering;

namespace RxStreams.Interactive.Live;

/// <summary>
/// The state behind a live view of rolling per-key results (<c>Sum</c>, <c>Count</c>, <c>Max</c>, <c>Aggregate</c> of a
/// keyed stream), without any kernel: one row per key holding its latest result, the current watermark, how many
/// results arrived, and progress figures set by the view. Thread-safe.
/// </summary>
public sealed class LiveKeyedTable : ILiveTable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, LiveKeyedRow> _rows = new(StringComparer.Ordinal);
    private long _version;

    /// <inheritdoc />
    public long Watermark { get; private set; } = RxStreams.Watermark.MinValue;

    /// <summary>Results received (every update of every key).</summary>
    public long Results { get; private set; }

    /// <summary>Records too late for the aggregation, when the view knows them (a side output or metrics).</summary>
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
            lock (_gate)
            {
                return _version;
            }
        }
    }

    /// <summary>Throughput: input records per second when they are known, else results per second; null before any processing time has passed.</summary>
    public double? PerSecond => Elapsed > TimeSpan.Zero ? (InputRecords ?? Results) / Elapsed.TotalSeconds : null;

    /// <summary>The rows, ordered by key (ordinal).</summary>
    public IReadOnlyList<LiveKeyedRow> Rows
    {
        get
        {
            lock (_gate)
            {
                return _rows.Values.OrderBy(r => r.Key, StringComparer.Ordinal).ToArray();
            }
        }
    }

    /// <summary>Applies one element of a rolling-results stream: a result replaces its key's row, a watermark the watermark.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The result type.</typeparam>
    /// <param name="element">The element.</param>
    public void Apply<TKey, TValue>(StreamElement<Keyed<TKey, TValue>> element)
    {
        lock (_gate)
        {
            if (element.IsWatermark)
            {
                if (element.Timestamp > Watermark)
                {
                    Watermark = element.Timestamp;
                    _version++;
                }

                return;
            }

            if (!element.IsRecord)
            {
                return;
            }

            var key = Markup.Text(element.Value.Key);
            var updates = _rows.TryGetValue(key, out var previous) ? previous.Updates + 1 : 1;
            _version++;
            _rows[key] = new LiveKeyedRow(key, Markup.Text(element.Value.Value), element.Value.Value, element.Timestamp, updates, _version);
            Results++;
        }
    }

    /// <inheritdoc />
    public void SetProgress(TimeSpan elapsed, long? inputRecords, long? lateRecords)
    {
        lock (_gate)
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
        lock (_gate)
        {
            Completed = true;
            Error = error?.Message;
            _version++;
        }
    }

    /// <inheritdoc />
    public void MarkStopped()
    {
        lock (_gate)
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
    public string ToHtml(string? title, int maxRows, long freshSince) => LiveKeyedHtml.Render(this, title, maxRows, freshSince);

    /// <inheritdoc />
    public string ToText() => LiveKeyedHtml.PlainText(this);
}
