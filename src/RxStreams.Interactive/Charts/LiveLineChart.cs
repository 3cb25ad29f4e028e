using System;
using System.Collections.Generic;
using System.Linq;
using RxStreams.Interactive.Live;
using RxStreams.Interactive.Rendering;

namespace RxStreams.Interactive.Charts;

/// <summary>
/// The state behind a live line chart of per-key results over event time, without any kernel: one line per key, a
/// point per window (at the window's end; a late firing replaces the window's point and marks it late) or per rolling
/// result (at its timestamp), and the current watermark. Results that are not numbers are counted, not drawn.
/// Thread-safe.
/// </summary>
public sealed class LiveLineChart : LiveTable
{
    private readonly Dictionary<string, SortedDictionary<long, ChartPoint>> _series = new(StringComparer.Ordinal);
    private readonly int _maxPoints;

    /// <summary>Creates an empty chart.</summary>
    /// <param name="maxPoints">The most points kept per key; older ones are dropped.</param>
    public LiveLineChart(int maxPoints = 2000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 1);
        _maxPoints = maxPoints;
    }

    /// <summary>True once window results arrived (points are at window ends), false for rolling results (at their timestamps).</summary>
    public bool OfWindows { get; private set; }

    /// <summary>Results that were not drawn: not a number, or of the global window, which has no place in event time.</summary>
    public long NotCharted { get; private set; }

    /// <summary>The lines, ordered by key (ordinal), each with its points in event-time order.</summary>
    public IReadOnlyList<ChartSeries> Series
    {
        get
        {
            lock (Gate)
            {
                return _series.OrderBy(s => s.Key, StringComparer.Ordinal)
                    .Select(s => new ChartSeries(s.Key, s.Value.Values.ToArray()))
                    .ToArray();
            }
        }
    }

    /// <summary>Applies one element of a window-results stream: a result sets its key's point at the window end, a watermark the watermark.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The result type.</typeparam>
    /// <param name="element">The element.</param>
    /// <param name="value">The number to draw for a result; null draws the result itself when it is a number.</param>
    public void Apply<TKey, TValue>(StreamElement<WindowResult<TKey, TValue>> element, Func<TValue, double>? value = null)
    {
        lock (Gate)
        {
            if (element.IsWatermark)
            {
                AdvanceWatermark(element.Timestamp);
            }
            else if (element.IsRecord)
            {
                var result = element.Value;
                OfWindows = true;
                Results++;
                if (result.Window.IsGlobal)
                {
                    NotCharted++;
                    return;
                }

                Add(result.Key, result.Window.End, value is null ? ChartValue.Number(result.Value) : value(result.Value), result.Firing == WindowFiring.Late);
            }
        }
    }

    /// <summary>Applies one element of a rolling-results stream: a result adds a point at its timestamp, a watermark sets the watermark.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The result type.</typeparam>
    /// <param name="element">The element.</param>
    /// <param name="value">The number to draw for a result; null draws the result itself when it is a number.</param>
    public void Apply<TKey, TValue>(StreamElement<Keyed<TKey, TValue>> element, Func<TValue, double>? value = null)
    {
        lock (Gate)
        {
            if (element.IsWatermark)
            {
                AdvanceWatermark(element.Timestamp);
            }
            else if (element.IsRecord)
            {
                Results++;
                var result = element.Value;
                Add(result.Key, element.Timestamp, value is null ? ChartValue.Number(result.Value) : value(result.Value), late: false);
            }
        }
    }

    /// <inheritdoc />
    public override string ToHtml(string? title, int maxRows, long freshSince) =>
        PlotlyHtml.Figure(LineChartFigure.Build(this, title), LineChartFigure.Summary(this));

    /// <inheritdoc />
    public override string ToText() => LineChartFigure.Text(this);

    // Under the gate.
    private void Add(object? key, long time, double value, bool late)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            NotCharted++;
            NextVersion();
            return;
        }

        var name = key is System.Reactive.Unit ? "all" : Markup.Text(key);   // WindowAll's one key
        if (!_series.TryGetValue(name, out var points))
        {
            _series[name] = points = new SortedDictionary<long, ChartPoint>();
        }

        points[time] = new ChartPoint(time, value, late);
        if (points.Count > _maxPoints)
        {
            points.Remove(points.Keys.First());
        }

        NextVersion();
    }
}
