using System;

namespace RxStreams.Time;

/// <summary>
/// What a <c>WithEventTime</c> operator reads and how it stamps it: the plain source, the timestamp function, the
/// watermark strategy and where failures go. Shared, unchanged, by the operator and the fused operators built from it.
/// </summary>
internal sealed class EventTimeInput<T>(IObservable<T> source, Func<T, long> timestampOf, WatermarkStrategy strategy, DeadLetters? deadLetters)
{
    public IObservable<T> Source { get; } = source;

    public Func<T, long> TimestampOf { get; } = timestampOf;

    public WatermarkStrategy Strategy { get; } = strategy;

    /// <summary>Where failures of the timestamp function, the generator and every fused function go.</summary>
    public DeadLetters? DeadLetters { get; } = deadLetters;
}
