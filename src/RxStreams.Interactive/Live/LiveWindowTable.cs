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
public sealed class LiveWindowTable : LiveTable
{
    private readonly Dictionary<(string Key, TimeWindow Window), LiveWindowRow> _rows = new();

    /// <summary>True when the results have no key (<c>WindowAll</c>): the views leave the key out.</summary>
    public bool Keyless { get; private set; }

    /// <summary>Late firings received: updates of a window by records within its allowed lateness.</summary>
    public long LateUpdates { get; private set; }

    /// <summary>The rows, ordered by window start, window end, then key.</summary>
    public IReadOnlyList<LiveWindowRow> Rows
    {
        get
        {
            lock (Gate)
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

            var result = element.Value;
            Keyless = Rendering.PlainText.IsKeyless<TKey>();
            var id = (Markup.Text(result.Key), result.Window);
            var updates = _rows.TryGetValue(id, out var previous) ? previous.Updates + 1 : 1;
            _rows[id] = new LiveWindowRow(id.Item1, result.Window, Markup.Text(result.Value), result.Value, result.Firing, result.FiringIndex, updates, NextVersion());
            Results++;
            if (result.Firing == WindowFiring.Late)
            {
                LateUpdates++;
            }
        }
    }

    /// <inheritdoc />
    public override string ToHtml(string? title, int maxRows, long freshSince) => LiveWindowHtml.Render(this, title, maxRows, freshSince);

    /// <inheritdoc />
    public override string ToText() => LiveWindowHtml.PlainText(this);
}
