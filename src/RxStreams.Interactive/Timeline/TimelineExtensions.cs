using System;

namespace RxStreams.Interactive.Timeline;

/// <summary>Taps that fill an <see cref="EventTimeline"/> while elements pass unchanged.</summary>
public static class TimelineExtensions
{
    /// <summary>
    /// Records every record and watermark of <paramref name="source"/> on <paramref name="timeline"/>; with
    /// <paramref name="key"/> (the same key selector as the pipeline's <c>KeyBy</c>) each record takes its key's colour.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The event-time stream, usually right after <c>WithEventTime</c>.</param>
    /// <param name="timeline">The timeline to fill.</param>
    /// <param name="key">The record's key, or null to draw every record in one colour.</param>
    public static IObservable<StreamElement<T>> RecordTimeline<T>(this IObservable<StreamElement<T>> source, EventTimeline timeline, Func<T, object?>? key = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(timeline);
        return System.Reactive.Linq.Observable.Do(source, element =>
        {
            if (element.IsRecord)
            {
                timeline.AddRecord(element.Timestamp, Rendering.Markup.Text(element.Value), key is null ? null : Rendering.Markup.Text(key(element.Value)));
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
                var key = Rendering.PlainText.IsKeyless<TKey>() ? null : Rendering.Markup.Text(r.Key);
                timeline.AddFiring(r.Window, r.Firing, (key is null ? string.Empty : key + "=") + Rendering.Markup.Text(r.Value), key);
            }
        });
    }
}
