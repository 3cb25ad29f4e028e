using System;

namespace RxStreams.Interactive.Timeline;

/// <summary>Taps that fill an <see cref="EventTimeline"/> while elements pass unchanged.</summary>
public static class TimelineExtensions
{
    /// <summary>Records every record and watermark of <paramref name="source"/> on <paramref name="timeline"/>.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The event-time stream, usually right after <c>WithEventTime</c>.</param>
    /// <param name="timeline">The timeline to fill.</param>
    public static IObservable<StreamElement<T>> RecordTimeline<T>(this IObservable<StreamElement<T>> source, EventTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(timeline);
        return System.Reactive.Linq.Observable.Do(source, element =>
        {
            if (element.IsRecord)
            {
                timeline.AddRecord(element.Timestamp, Rendering.Markup.Text(element.Value));
            }
            else if (element.IsWatermark)
            {
                timeline.AddWatermark(element.Timestamp);
            }
        });
    }

    /// <summary>Records every window result of <paramref name="results"/> on <paramref name="timeline"/> as a firing.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The result type.</typeparam>
    /// <param name="results">The window results.</param>
    /// <param name="timeline">The timeline to fill.</param>
    public static IObservable<StreamElement<WindowResult<TKey, TValue>>> RecordFirings<TKey, TValue>(
        this IObservable<StreamElement<WindowResult<TKey, TValue>>> results, EventTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(timeline);
        return System.Reactive.Linq.Observable.Do(results, element =>
        {
            if (element.IsRecord)
            {
                var r = element.Value;
                timeline.AddFiring(r.Window, r.Firing, Rendering.Markup.Text(r.Key) + "=" + Rendering.Markup.Text(r.Value));
            }
        });
    }
}
