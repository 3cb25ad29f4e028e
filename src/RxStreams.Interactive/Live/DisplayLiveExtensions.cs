using System;

namespace RxStreams.Interactive.Live;

/// <summary>The notebook entry point of live views.</summary>
public static class DisplayLiveExtensions
{
    /// <summary>
    /// Shows the window results as one table in the running notebook cell, replaced in place as windows fire, with the
    /// current watermark, the late-record count and the throughput. <c>await</c> the returned view to keep the cell
    /// running until the stream completes.
    /// </summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The window function's result type.</typeparam>
    /// <param name="results">The window results.</param>
    /// <param name="options">Title, counters, metrics, clock and pacing.</param>
    public static LiveView DisplayLive<TKey, TValue>(
        this IObservable<StreamElement<WindowResult<TKey, TValue>>> results, LiveViewOptions? options = null) =>
        LiveView.Start(results, new KernelDisplaySink(), options);

    /// <summary>Like <see cref="DisplayLive{TKey, TValue}(IObservable{StreamElement{WindowResult{TKey, TValue}}}, LiveViewOptions?)"/>, with a title.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The window function's result type.</typeparam>
    /// <param name="results">The window results.</param>
    /// <param name="title">The title above the table.</param>
    /// <param name="counters">The window operator's counters, for the late-record count.</param>
    public static LiveView DisplayLive<TKey, TValue>(
        this IObservable<StreamElement<WindowResult<TKey, TValue>>> results, string title, WindowCounters? counters = null) =>
        results.DisplayLive(new LiveViewOptions { Title = title, Counters = counters });
}
