using System;
using System.Collections.Generic;
using System.Reactive.Concurrency;

namespace RxStreams;

/// <summary>
/// Base of a custom window assigner for records of type <typeparamref name="T"/> (Flink's user-defined
/// <c>WindowAssigner</c>): say which windows each record belongs to, whether time is event or processing time, whether
/// windows merge, and the default trigger. Merging assigners merge windows that overlap or touch
/// (<see cref="TimeWindow.Intersects"/>), as Flink's <c>TimeWindow.mergeWindows</c>.
/// </summary>
/// <typeparam name="T">The record type; the windowed stream's must be the same.</typeparam>
public abstract class WindowAssigner<T> : WindowAssigner, IWindowAssignment<T>
{
    private readonly IScheduler? _clock;

    /// <summary>Creates an assigner; processing-time assigners pass their clock.</summary>
    /// <param name="processingTimeClock">The processing-time clock, or null in event time.</param>
    protected WindowAssigner(IScheduler? processingTimeClock = null) => _clock = processingTimeClock;

    /// <summary>The clock's time in milliseconds since the epoch (Flink's <c>WindowAssignerContext.getCurrentProcessingTime</c>); 0 without a clock.</summary>
    protected long CurrentProcessingTime => _clock is null ? 0 : _clock.Now.ToUnixTimeMilliseconds();

    /// <summary>Adds the windows <paramref name="element"/> belongs to; none is allowed (the record is then outside every window).</summary>
    /// <param name="element">The record.</param>
    /// <param name="timestamp">Its timestamp.</param>
    /// <param name="windows">Where to add its windows.</param>
    public abstract void AssignWindows(T element, long timestamp, ICollection<TimeWindow> windows);

    internal override IScheduler? ProcessingTimeScheduler => _clock;

    internal override Type? RecordType => typeof(T);

    internal override IWindowAssignment<TRecord> Bind<TRecord>() => (IWindowAssignment<TRecord>)(object)this;

    void IWindowAssignment<T>.Assign(T value, long timestamp, List<TimeWindow> windows) => AssignWindows(value, timestamp, windows);
}
