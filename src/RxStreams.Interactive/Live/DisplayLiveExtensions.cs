using System;

namespace RxStreams.Interactive.Live;

/// <summary>The notebook entry point of live views.</summary>
public static class DisplayLiveExtensions
{
    /// <summary>
    /// Shows the window results as one table in the running notebook cell, replaced in place as windows fire, with the
    /// current watermark, the late-record count and the throughput. The cell runs until the stream ends or the view
    /// stops (<see cref="LiveViewOptions.StopAfter"/>, <see cref="LiveViewOptions.Cancellation"/>, interrupting the
    /// cell), awaited or not; <c>await</c> the returned view to run more code of the cell after it.
    /// </summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The window function's result type.</typeparam>
    /// <param name="results">The window results.</param>
    /// <param name="options">Title, counters, metrics, clock, pacing and when to stop.</param>
    public static LiveView DisplayLive<TKey, TValue>(
        this IObservable<StreamElement<WindowResult<TKey, TValue>>> results, LiveViewOptions? options = null)
    {
        var sink = new KernelDisplaySink();
        return sink.HoldCellUntilStopped(LiveView.Start(results, sink, options));
    }

    /// <summary>Like <see cref="DisplayLive{TKey, TValue}(IObservable{StreamElement{WindowResult{TKey, TValue}}}, LiveViewOptions?)"/>, with a title.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The window function's result type.</typeparam>
    /// <param name="results">The window results.</param>
    /// <param name="title">The title above the table.</param>
    /// <param name="counters">The window operator's counters, for the late-record count.</param>
    public static LiveView DisplayLive<TKey, TValue>(
        this IObservable<StreamElement<WindowResult<TKey, TValue>>> results, string title, WindowCounters? counters = null) =>
        results.DisplayLive(new LiveViewOptions { Title = title, Counters = counters });

    /// <summary>
    /// Shows rolling per-key results (<c>Sum</c>, <c>Count</c>, <c>Max</c>, <c>Aggregate</c> of a keyed stream) as one
    /// table in the running notebook cell with the latest result of each key, replaced in place as results arrive. The
    /// cell runs until the stream ends or the view stops, awaited or not, as for window results.
    /// </summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The aggregation's result type.</typeparam>
    /// <param name="results">The rolling results.</param>
    /// <param name="options">Title, metrics, clock, pacing and when to stop.</param>
    public static LiveView DisplayLive<TKey, TValue>(
        this IObservable<StreamElement<Keyed<TKey, TValue>>> results, LiveViewOptions? options = null)
    {
        var sink = new KernelDisplaySink();
        return sink.HoldCellUntilStopped(LiveView.Start(results, sink, options));
    }

    /// <summary>Like <see cref="DisplayLive{TKey, TValue}(IObservable{StreamElement{Keyed{TKey, TValue}}}, LiveViewOptions?)"/>, with a title.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The aggregation's result type.</typeparam>
    /// <param name="results">The rolling results.</param>
    /// <param name="title">The title above the table.</param>
    public static LiveView DisplayLive<TKey, TValue>(this IObservable<StreamElement<Keyed<TKey, TValue>>> results, string title) =>
        results.DisplayLive(new LiveViewOptions { Title = title });
}
