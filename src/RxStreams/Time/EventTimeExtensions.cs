using System;
using RxStreams.Operators;
using RxStreams.Time;

namespace RxStreams;

/// <summary>Entering event time, and operators about watermarks and lateness.</summary>
public static class EventTimeExtensions
{
    /// <summary>
    /// Turns a plain observable into an event-time stream: each value becomes a record stamped by
    /// <paramref name="timestampOf"/> (milliseconds since the Unix epoch), and <paramref name="watermarkStrategy"/> decides
    /// the watermarks. Watermarks never go back. When the source completes, <see cref="Watermark.MaxValue"/> is emitted.
    /// Records behind the watermark are forwarded, as in Flink; use <see cref="DivertLate{T}"/> or a window's lateness to handle them.
    /// A <c>Where</c>, <c>Select</c>, <c>Where → Select</c> or <c>Select → Where</c> applied right after it, with the same
    /// dead letters, runs inside it as one operator (a graph shows e.g. <c>WithEventTime → Where → Select</c>); the
    /// watermarks are still decided from every value, including those the filter drops, and a failure still names the
    /// operator whose function failed.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The values.</param>
    /// <param name="timestampOf">Extracts a value's event time.</param>
    /// <param name="watermarkStrategy">How watermarks are decided.</param>
    /// <param name="deadLetters">Where values whose timestamp cannot be extracted go; without it such a value fails the stream with a <see cref="StreamOperatorException"/>.</param>
    public static IObservable<StreamElement<T>> WithEventTime<T>(
        this IObservable<T> source,
        Func<T, long> timestampOf,
        WatermarkStrategy watermarkStrategy,
        DeadLetters? deadLetters = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(timestampOf);
        ArgumentNullException.ThrowIfNull(watermarkStrategy);
        watermarkStrategy.Validate<T>(nameof(watermarkStrategy));
        return new TimestampsAndWatermarks<T, T, IdentityStage<T>>(
            new EventTimeInput<T>(source, timestampOf, watermarkStrategy, deadLetters), default);
    }

    /// <summary>As <see cref="WithEventTime{T}(IObservable{T}, Func{T, long}, WatermarkStrategy, DeadLetters)"/>, with the event time as a <see cref="DateTimeOffset"/>.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The values.</param>
    /// <param name="timestampOf">Extracts a value's event time.</param>
    /// <param name="watermarkStrategy">How watermarks are decided.</param>
    /// <param name="deadLetters">Where values whose timestamp cannot be extracted go.</param>
    public static IObservable<StreamElement<T>> WithEventTime<T>(
        this IObservable<T> source,
        Func<T, DateTimeOffset> timestampOf,
        WatermarkStrategy watermarkStrategy,
        DeadLetters? deadLetters = null)
    {
        ArgumentNullException.ThrowIfNull(timestampOf);
        return source.WithEventTime(v => timestampOf(v).ToUnixTimeMilliseconds(), watermarkStrategy, deadLetters);
    }

    /// <summary>
    /// Drives <paramref name="scheduler"/> with this stream's watermarks: each watermark first runs the timers due at
    /// or before it, then passes downstream.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    /// <param name="scheduler">The scheduler whose clock becomes this stream's watermark.</param>
    public static IObservable<StreamElement<T>> WithEventTimeScheduler<T>(this IObservable<StreamElement<T>> source, EventTimeScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(scheduler);
        return new AdvanceEventTimeScheduler<T>(source, scheduler);
    }

    /// <summary>
    /// Sends late records (timestamp below the watermark seen so far at this point of the pipeline) to
    /// <paramref name="lateRecords"/>, which counts them, instead of downstream.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    /// <param name="lateRecords">Receives and counts the late records.</param>
    public static IObservable<StreamElement<T>> DivertLate<T>(this IObservable<StreamElement<T>> source, SideOutput<Record<T>> lateRecords)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(lateRecords);
        return new DivertLate<T>(source, lateRecords);
    }

    /// <summary>The watermarks of the stream, as plain values.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The event-time stream.</param>
    public static IObservable<long> Watermarks<T>(this IObservable<StreamElement<T>> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new Exit<T, long>(source, ElementKind.Watermark, static e => e.Timestamp);
    }
}
