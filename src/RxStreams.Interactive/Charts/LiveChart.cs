using System;
using System.Reactive.Concurrency;
using RxStreams.Interactive.Live;

namespace RxStreams.Interactive.Charts;

/// <summary>
/// Starts live charts on any <see cref="ILiveViewSink"/>, paced like every live view (see <see cref="LiveView"/>). In a
/// notebook use <c>ChartLive</c> and <c>ChartWatermarksLive</c> (<see cref="ChartExtensions"/>), which show them as a cell output.
/// </summary>
public static class LiveChart
{
    /// <summary>A line per key of window results over event time (each window's point at its end), with the watermark.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The window function's result type.</typeparam>
    /// <param name="results">The window results.</param>
    /// <param name="sink">Where to show the chart.</param>
    /// <param name="options">Title, clock, pacing, points kept and when to stop.</param>
    /// <param name="value">The number to draw for a result; null draws the result itself when it is a number.</param>
    public static LiveView Start<TKey, TValue>(
        IObservable<StreamElement<WindowResult<TKey, TValue>>> results, ILiveViewSink sink, LiveViewOptions? options = null, Func<TValue, double>? value = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        var chart = new LiveLineChart(options?.MaxPoints ?? new LiveViewOptions().MaxPoints);
        return LiveView.Start(chart, results, element => chart.Apply(element, value), sink, options);
    }

    /// <summary>A line per key of rolling results (<c>Sum</c>, <c>Count</c>, <c>Max</c>, <c>Aggregate</c>) over event time, with the watermark.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The aggregation's result type.</typeparam>
    /// <param name="results">The rolling results.</param>
    /// <param name="sink">Where to show the chart.</param>
    /// <param name="options">Title, clock, pacing, points kept and when to stop.</param>
    /// <param name="value">The number to draw for a result; null draws the result itself when it is a number.</param>
    public static LiveView Start<TKey, TValue>(
        IObservable<StreamElement<Keyed<TKey, TValue>>> results, ILiveViewSink sink, LiveViewOptions? options = null, Func<TValue, double>? value = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        var chart = new LiveLineChart(options?.MaxPoints ?? new LiveViewOptions().MaxPoints);
        return LiveView.Start(chart, results, element => chart.Apply(element, value), sink, options);
    }

    /// <summary>The watermark and the highest record timestamp of an event-time stream over processing time (or arrivals), with its late records.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="stream">The event-time stream, for example right after <c>WithEventTime</c>.</param>
    /// <param name="sink">Where to show the chart.</param>
    /// <param name="options">Title, clock (processing time), pacing, points kept and when to stop.</param>
    /// <param name="byArrival">True to place points by the number of elements seen, for a source replayed at once.</param>
    public static LiveView StartWatermarks<T>(IObservable<StreamElement<T>> stream, ILiveViewSink sink, LiveViewOptions? options = null, bool byArrival = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var chart = new LiveWatermarkChart(options?.Clock ?? Scheduler.Default, byArrival, options?.MaxPoints ?? new LiveViewOptions().MaxPoints);
        return LiveView.Start(chart, stream, chart.Apply, sink, options);
    }

    /// <summary>Records per second of an event-time stream over processing time, counted per <paramref name="interval"/>, with its late records.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="stream">The event-time stream.</param>
    /// <param name="sink">Where to show the chart.</param>
    /// <param name="options">Title, clock (processing time), pacing, intervals kept and when to stop.</param>
    /// <param name="interval">The interval records are counted over; 1 s when null.</param>
    public static LiveView StartThroughput<T>(IObservable<StreamElement<T>> stream, ILiveViewSink sink, LiveViewOptions? options = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var chart = new LiveThroughputChart(options?.Clock ?? Scheduler.Default, interval ?? TimeSpan.FromSeconds(1), options?.MaxPoints ?? new LiveViewOptions().MaxPoints);
        return LiveView.Start(chart, stream, chart.Apply, sink, options);
    }
}
