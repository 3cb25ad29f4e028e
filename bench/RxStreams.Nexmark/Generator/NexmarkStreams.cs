using System;

namespace RxStreams.Nexmark;

/// <summary>Entering event time with Nexmark events, and the sink of the hand-written loops.</summary>
public static class NexmarkStreams
{
    /// <summary>
    /// The event-time stream every RxStreams query starts from: each event stamped with its <see cref="Event.DateTime"/>,
    /// and a watermark trailing the newest timestamp by <paramref name="maxOutOfOrderness"/> (the generator's bound, so
    /// no event is late), decided every 1,000 events, as Flink decides it periodically rather than per record.
    /// </summary>
    /// <param name="events">The events in arrival order.</param>
    /// <param name="maxOutOfOrderness">The out-of-orderness bound.</param>
    public static IObservable<StreamElement<Event>> WithNexmarkEventTime(this IObservable<Event> events, TimeSpan maxOutOfOrderness) =>
        events.WithEventTime(static e => e.DateTime, WatermarkStrategy.ForBoundedOutOfOrderness(maxOutOfOrderness).WithEmitEvery(1000));
}

/// <summary>Receives the results of a hand-written loop; a struct sink is inlined into the loop.</summary>
/// <typeparam name="T">The result type.</typeparam>
public interface IResultSink<in T>
{
    /// <summary>One result.</summary>
    /// <param name="result">The result.</param>
    void Add(T result);
}
