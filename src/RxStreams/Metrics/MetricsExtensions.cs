using System;
using System.Reactive.Concurrency;
using RxStreams.Metrics;

namespace RxStreams;

/// <summary>Measuring pipelines: latency markers at the source, measuring points anywhere.</summary>
public static class MetricsExtensions
{
    /// <summary>
    /// Inserts a latency marker every <paramref name="interval"/> of processing time, stamped with the clock's time.
    /// Markers flow through operators and exchanges like records (to one task of an exchange, not all) and are measured
    /// at every <see cref="Measure{T}"/> downstream: the time from here to there.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The stream, usually right after <c>WithEventTime</c>.</param>
    /// <param name="interval">The marker period; positive.</param>
    /// <param name="scheduler">The processing-time clock (the same as the metrics').</param>
    public static IObservable<StreamElement<T>> WithLatencyMarkers<T>(this IObservable<StreamElement<T>> source, TimeSpan interval, IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(scheduler);
        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "The marker interval must be positive.");
        }

        return new LatencyMarkers<T>(source, interval, scheduler);
    }

    /// <summary>
    /// A measuring point named <paramref name="name"/>: counts records (and late ones), tracks the watermark and its lag
    /// behind the clock, and measures latency markers, into <paramref name="metrics"/>. Everything passes unchanged.
    /// In a parallel segment each task measures separately; snapshots sum them under the one name.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The stream to measure.</param>
    /// <param name="name">The point's name, for example the operator before it.</param>
    /// <param name="metrics">Where the measurements go.</param>
    public static IObservable<StreamElement<T>> Measure<T>(this IObservable<StreamElement<T>> source, string name, StreamMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(metrics);
        return new Measure<T>(source, name, metrics);
    }
}
