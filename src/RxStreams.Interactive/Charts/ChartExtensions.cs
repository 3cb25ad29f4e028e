using System;
using System.Collections.Generic;
using System.Linq;
using Plotly.NET;
using RxStreams.Interactive.Live;

namespace RxStreams.Interactive.Charts;

/// <summary>
/// The notebook entry points of charts. Live charts are replaced in place as results arrive, paced like
/// <c>DisplayLive</c> (at most one update per <see cref="LiveViewOptions.MinUpdateInterval"/>, with a trailing flush),
/// and hold the cell until the stream ends or the view stops. Charts are Plotly.NET figures drawn by the plotly.js that
/// the first chart puts into the notebook (<see cref="PlotlyJs"/>), so they render offline.
/// </summary>
public static class ChartExtensions
{
    /// <summary>Charts window results live: a line per key over event time (each window at its end), late updates ringed, the watermark dashed.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The window function's result type (a number).</typeparam>
    /// <param name="results">The window results.</param>
    /// <param name="options">Title, clock, pacing, points kept and when to stop.</param>
    public static LiveView ChartLive<TKey, TValue>(this IObservable<StreamElement<WindowResult<TKey, TValue>>> results, LiveViewOptions? options = null) =>
        Display(sink => LiveChart.Start(results, sink, options));

    /// <summary>Charts window results live, drawing <paramref name="value"/> of each result.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The window function's result type.</typeparam>
    /// <param name="results">The window results.</param>
    /// <param name="value">The number to draw for a result, for example <c>r =&gt; r.Average</c>.</param>
    /// <param name="options">Title, clock, pacing, points kept and when to stop.</param>
    public static LiveView ChartLive<TKey, TValue>(
        this IObservable<StreamElement<WindowResult<TKey, TValue>>> results, Func<TValue, double> value, LiveViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Display(sink => LiveChart.Start(results, sink, options, value));
    }

    /// <summary>Charts rolling per-key results (<c>Sum</c>, <c>Count</c>, <c>Max</c>, <c>Aggregate</c>) live: a line per key over event time.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The aggregation's result type (a number).</typeparam>
    /// <param name="results">The rolling results.</param>
    /// <param name="options">Title, clock, pacing, points kept and when to stop.</param>
    public static LiveView ChartLive<TKey, TValue>(this IObservable<StreamElement<Keyed<TKey, TValue>>> results, LiveViewOptions? options = null) =>
        Display(sink => LiveChart.Start(results, sink, options));

    /// <summary>Charts rolling per-key results live, drawing <paramref name="value"/> of each result.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The aggregation's result type.</typeparam>
    /// <param name="results">The rolling results.</param>
    /// <param name="value">The number to draw for a result.</param>
    /// <param name="options">Title, clock, pacing, points kept and when to stop.</param>
    public static LiveView ChartLive<TKey, TValue>(
        this IObservable<StreamElement<Keyed<TKey, TValue>>> results, Func<TValue, double> value, LiveViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Display(sink => LiveChart.Start(results, sink, options, value));
    }

    /// <summary>
    /// Charts an event-time stream's watermark live against its highest record timestamp (the shaded gap is the lag),
    /// over processing time on <see cref="LiveViewOptions.Clock"/>, with late records as red crosses.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="stream">The event-time stream, for example right after <c>WithEventTime</c>.</param>
    /// <param name="options">Title, clock, pacing, points kept and when to stop.</param>
    /// <param name="byArrival">True to place points by the number of elements seen, for a source that is replayed at once.</param>
    public static LiveView ChartWatermarksLive<T>(this IObservable<StreamElement<T>> stream, LiveViewOptions? options = null, bool byArrival = false) =>
        Display(sink => LiveChart.StartWatermarks(stream, sink, options, byArrival));

    /// <summary>
    /// Charts an event-time stream's throughput live: records per second over processing time on
    /// <see cref="LiveViewOptions.Clock"/>, counted per <paramref name="interval"/>, with the late records per second.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="stream">The event-time stream, for example right after <c>WithEventTime</c> or a window operator's input.</param>
    /// <param name="options">Title, clock, pacing, intervals kept and when to stop.</param>
    /// <param name="interval">The interval records are counted over; 1 s when null.</param>
    public static LiveView ChartThroughputLive<T>(this IObservable<StreamElement<T>> stream, LiveViewOptions? options = null, TimeSpan? interval = null) =>
        Display(sink => LiveChart.StartThroughput(stream, sink, options, interval));

    /// <summary>
    /// A line chart of window results that have arrived already: a line per key over event time, each window at its
    /// end. The kernel shows it like any Plotly.NET chart, offline.
    /// </summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The window function's result type (a number).</typeparam>
    /// <param name="results">The results.</param>
    /// <param name="title">The chart's title, or null.</param>
    public static GenericChart LineChart<TKey, TValue>(this IEnumerable<WindowResult<TKey, TValue>> results, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        var chart = new LiveLineChart(int.MaxValue);
        foreach (var result in results)
        {
            chart.Apply(StreamElement.Record(result, result.Window.IsGlobal ? 0 : result.Window.End - 1));
        }

        chart.Complete();
        return LineChartFigure.Build(chart, title);
    }

    private static LiveView Display(Func<ILiveViewSink, LiveView> start)
    {
        var sink = new KernelDisplaySink();
        if (PlotlyJs.TakeFirstLoad())
        {
            sink.ShowOnce(PlotlyJs.ScriptHtml(), "plotly.js " + PlotlyJs.Version + " for the charts below");
        }

        return sink.HoldCellUntilStopped(start(sink));
    }
}
