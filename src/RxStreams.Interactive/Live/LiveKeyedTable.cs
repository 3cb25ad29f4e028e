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
public sealed class LiveKeyedTable : LiveTable
{
    private readonly Dictionary<string, LiveKeyedRow> _rows = new(StringComparer.Ordinal);

    /// <summary>The rows, ordered by key (ordinal).</summary>
    public IReadOnlyList<LiveKeyedRow> Rows
    {
        get
        {
            lock (Gate)
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
        lock (Gate)
        {
            if (element.IsWatermark)
            {
                AdvanceWatermark(element.Timestamp);
                return;
            }

            if (!element.IsRecord)
            {
                return;
            }

            var key = Markup.Text(element.Value.Key);
            var updates = _rows.TryGetValue(key, out var previous) ? previous.Updates + 1 : 1;
            _rows[key] = new LiveKeyedRow(key, Markup.Text(element.Value.Value), element.Value.Value, element.Timestamp, updates, NextVersion());
            Results++;
        }
    }

    /// <inheritdoc />
    public override string ToHtml(string? title, int maxRows, long freshSince) => LiveKeyedHtml.Render(this, title, maxRows, freshSince);

    /// <inheritdoc />
    public override string ToText() => LiveKeyedHtml.PlainText(this);
}
