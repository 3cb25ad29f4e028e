using System;
using System.Collections.Generic;
using System.Reactive.Concurrency;

namespace RxStreams;

/// <summary>
/// Decides which windows a record belongs to (Flink's <c>WindowAssigner</c>). Built-ins: <see cref="TumblingEventTimeWindows"/>,
/// <see cref="SlidingEventTimeWindows"/>, <see cref="EventTimeSessionWindows"/>, their processing-time twins, and
/// <see cref="GlobalWindows"/>; derive from <see cref="WindowAssigner{T}"/> for a custom one.
/// </summary>
public abstract class WindowAssigner
{
    private protected WindowAssigner()
    {
    }

    /// <summary>True when windows are in event time; false for processing time.</summary>
    public abstract bool IsEventTime { get; }

    /// <summary>True for session windows, whose windows merge when a record bridges them.</summary>
    public virtual bool IsMerging => false;

    /// <summary>The trigger used when none is set on the windowed stream.</summary>
    public abstract WindowTrigger DefaultTrigger { get; }

    /// <summary>The processing-time clock of processing-time windows; null in event time.</summary>
    internal virtual IScheduler? ProcessingTimeScheduler => null;

    /// <summary>The record type a custom assigner works on; null for the built-ins, which take any.</summary>
    internal virtual Type? RecordType => null;

    /// <summary>The per-record assignment for records of type <typeparamref name="T"/>, resolved once per operator.</summary>
    internal abstract IWindowAssignment<T> Bind<T>();
}

/// <summary>Assigns one record: adds its windows to <c>windows</c>.</summary>
internal interface IWindowAssignment<in T>
{
    void Assign(T value, long timestamp, List<TimeWindow> windows);
}

/// <summary>Assignment that depends only on the timestamp.</summary>
internal abstract class TimestampAssignment : IWindowAssignment<object?>
{
    public void Assign(object? value, long timestamp, List<TimeWindow> windows) => Assign(timestamp, windows);

    public abstract void Assign(long timestamp, List<TimeWindow> windows);
}

/// <summary>Wraps a timestamp-only assignment for a record type (contravariance does not reach value types).</summary>
internal sealed class TimestampAssignment<T>(TimestampAssignment inner) : IWindowAssignment<T>
{
    public TimestampAssignment Inner => inner;

    public void Assign(T value, long timestamp, List<TimeWindow> windows) => inner.Assign(timestamp, windows);
}

/// <summary>Argument checks shared by the assigners.</summary>
internal static class WindowArguments
{
    public static long PositiveMilliseconds(TimeSpan duration, string paramName)
    {
        var ms = EventTime.ToMilliseconds(duration, paramName);
        if (ms <= 0)
        {
            throw new ArgumentOutOfRangeException(paramName, duration, "The duration must be at least one millisecond.");
        }

        return ms;
    }

    public static long Offset(TimeSpan offset, long size, string paramName)
    {
        var ms = offset.Ticks / TimeSpan.TicksPerMillisecond;
        if (Math.Abs(ms) >= size)
        {
            throw new ArgumentOutOfRangeException(paramName, offset, "The offset must be smaller than the window size (or slide).");
        }

        return ms;
    }
}
