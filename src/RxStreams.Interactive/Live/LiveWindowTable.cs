using System;
using System.Collections.Generic;
using System.Linq;
using RxStreams.Interactive.Rendering;

namespace RxStreams.Interactive.Live;

/// <summary>
/// The state behind a live view of window results, without any kernel: one row per key and window holding its latest
/// result (a late or early firing replaces the row's value and counts as an update), the current watermark, how many
/// results and late updates arrived, and progress figures set by the view. Thread-safe.
/// </summary>
public sealed class LiveWindowTable : ILiveTable
{
    private readonly object _gate = new();
    private readonly Dictionary<(string Key, TimeWindow Window), LiveWindowRow> _rows = new();
    private long _version;

    /// <summary>The current watermark of the results stream; <see cref="Watermark.MinValue"/> before the first.</summary>
    public long Watermark { get; private set; } = RxStreams.Watermark.MinValue;

    /// <summary>Window results received (every firing, early, on time or late).</summary>
    public long Results { get; private set; }

    /// <summary>Late firings received: updates of a window by records within its allowed lateness.</summary>
    public long LateUpdates { get; private set; }

    /// <summary>Records too late for any window, when the view knows them (window counters, a side output or metrics).</summary>
    public long? LateRecords { get; private set; }

    /// <summary>Input records seen so far, when the view knows them (a measuring point).</summary>
    public long? InputRecords { get; private set; }

    /// <summary>Processing time since the view started.</summary>
    public TimeSpan Elapsed { get; private set; }

    /// <summary>True once the results stream completed.</summary>
    public bool Completed { get; private set; }

    /// <summary>The error that ended the results stream, if any.</summary>
    public string? Error { get; private set; }

    /// <inheritdoc />
    public bool Stopped { get; private set; }

    /// <summary>Goes up by one with every change; rows carry the version of their last change.</summary>
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

    /// <summary>
    /// Throughput: input records per second when they are known, else window results per second; null before any
    /// processing time has passed.
    /// </summary>
    public double? PerSecond => Elapsed > TimeSpan.Zero ? (InputRecords ?? Results) / Elapsed.TotalSeconds : null;

    /// <summary>The rows, ordered by window start, window end, then key.</summary>
    public IReadOnlyList<LiveWindowRow> Rows
    {
        get
        {
            lock (_gate)
            {
                return _rows.Values.OrderBy(r => r.Window.Start).ThenBy(r => r.Window.End).ThenBy(r => r.Key, StringComparer.Ordinal).ToArray();
            }
        }
    }

    /// <summary>Applies one element of a window-results stream: a result updates its row, a watermark the watermark.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The result type.</typeparam>
    /// <param name="element">The element.</param>
    public void Apply<TKey, TValue>(StreamElement<WindowResult<TKey, TValue>> element)
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

            var result = element.Value;
            var id = (Markup.Text(result.Key), result.Window);
            var updates = _rows.TryGetValue(id, out var previous) ? previous.Updates + 1 : 1;
            _version++;
            _rows[id] = new LiveWindowRow(id.Item1, result.Window, Markup.Text(result.Value), result.Value, result.Firing, result.FiringIndex, updates, _version);
            Results++;
            if (result.Firing == WindowFiring.Late)
            {
                LateUpdates++;
            }
        }
    }

    /// <summary>Sets what the view measured besides the results: elapsed processing time, input and late records.</summary>
    /// <param name="elapsed">Processing time since the view started.</param>
    /// <param name="inputRecords">Input records so far, or null when unknown.</param>
    /// <param name="lateRecords">Records too late for any window so far, or null when unknown.</param>
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
    public string ToHtml(string? title, int maxRows, long freshSince) => LiveWindowHtml.Render(this, title, maxRows, freshSince);

    /// <inheritdoc />
    public string ToText() => LiveWindowHtml.PlainText(this);
}
