using System;
using System.Collections.Generic;
using System.Reactive.Concurrency;

namespace RxStreams;

/// <summary>
/// Event-time session windows: each record opens <c>[t, t + gap)</c>, and windows of the same key that overlap or touch
/// merge, so a session ends after a gap of inactivity. The gap may depend on the record. Near the end of time a
/// session's end is clamped to <see cref="long.MaxValue"/>.
/// </summary>
public sealed class EventTimeSessionWindows : WindowAssigner
{
    private readonly long _gap;
    private readonly Type? _recordType;
    private readonly object? _gapOf;

    private EventTimeSessionWindows(long gap, Type? recordType, object? gapOf)
    {
        _gap = gap;
        _recordType = recordType;
        _gapOf = gapOf;
    }

    /// <summary>Sessions closed by <paramref name="gap"/> of inactivity.</summary>
    /// <param name="gap">The inactivity that ends a session.</param>
    public static EventTimeSessionWindows WithGap(TimeSpan gap) => new(WindowArguments.PositiveMilliseconds(gap, nameof(gap)), null, null);

    /// <summary>Sessions whose gap each record decides (Flink's dynamic gap).</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="gapOf">The gap a record opens; it must be at least one millisecond.</param>
    public static EventTimeSessionWindows WithDynamicGap<T>(Func<T, TimeSpan> gapOf)
    {
        ArgumentNullException.ThrowIfNull(gapOf);
        return new(0, typeof(T), gapOf);
    }

    /// <inheritdoc />
    public override bool IsEventTime => true;

    /// <inheritdoc />
    public override bool IsMerging => true;

    /// <inheritdoc />
    public override WindowTrigger DefaultTrigger => WindowTrigger.EventTime();

    internal override IWindowAssignment<T> Bind<T>() => SessionAssignment.Bind<T>(_gap, _recordType, _gapOf, null);
}

/// <summary>Processing-time session windows: sessions of arrival time closed by a gap of inactivity.</summary>
public sealed class ProcessingTimeSessionWindows : WindowAssigner
{
    private readonly long _gap;
    private readonly IScheduler _scheduler;
    private readonly Type? _recordType;
    private readonly object? _gapOf;

    private ProcessingTimeSessionWindows(long gap, IScheduler scheduler, Type? recordType = null, object? gapOf = null)
    {
        _gap = gap;
        _scheduler = scheduler;
        _recordType = recordType;
        _gapOf = gapOf;
    }

    /// <summary>Sessions of <paramref name="scheduler"/>'s clock closed by <paramref name="gap"/> of inactivity.</summary>
    /// <param name="gap">The inactivity that ends a session.</param>
    /// <param name="scheduler">The processing-time clock.</param>
    public static ProcessingTimeSessionWindows WithGap(TimeSpan gap, IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        return new(WindowArguments.PositiveMilliseconds(gap, nameof(gap)), scheduler);
    }

    /// <summary>Sessions of <paramref name="scheduler"/>'s clock whose gap each record decides (Flink's <c>DynamicProcessingTimeSessionWindows</c>).</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="gapOf">The gap a record opens; it must be at least one millisecond.</param>
    /// <param name="scheduler">The processing-time clock.</param>
    public static ProcessingTimeSessionWindows WithDynamicGap<T>(Func<T, TimeSpan> gapOf, IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(gapOf);
        ArgumentNullException.ThrowIfNull(scheduler);
        return new(0, scheduler, typeof(T), gapOf);
    }

    /// <inheritdoc />
    public override bool IsEventTime => false;

    /// <inheritdoc />
    public override bool IsMerging => true;

    /// <inheritdoc />
    public override WindowTrigger DefaultTrigger => WindowTrigger.ProcessingTime();

    internal override IScheduler? ProcessingTimeScheduler => _scheduler;

    internal override IWindowAssignment<T> Bind<T>() => SessionAssignment.Bind<T>(_gap, _recordType, _gapOf, _scheduler);
}

/// <summary>The session window a record opens.</summary>
internal static class SessionAssignment
{
    public static IWindowAssignment<T> Bind<T>(long gap, Type? recordType, object? gapOf, IScheduler? clock)
    {
        if (gapOf is null)
        {
            return new Fixed<T>(gap, clock);
        }

        if (gapOf is not Func<T, TimeSpan> typed)
        {
            throw new ArgumentException($"The session gap function takes {recordType?.Name}, but the stream carries {typeof(T).Name}.");
        }

        return new Dynamic<T>(typed, clock);
    }

    /// <summary>The time that opens a session: the record's timestamp in event time, the clock's time in processing time.</summary>
    private static long TimeOf(long timestamp, IScheduler? clock) => clock is null ? timestamp : clock.Now.ToUnixTimeMilliseconds();

    private sealed class Fixed<T>(long gap, IScheduler? clock) : IWindowAssignment<T>
    {
        public void Assign(T value, long timestamp, List<TimeWindow> windows) => windows.Add(TimeWindow.FromStart(TimeOf(timestamp, clock), gap));
    }

    private sealed class Dynamic<T>(Func<T, TimeSpan> gapOf, IScheduler? clock) : IWindowAssignment<T>
    {
        public void Assign(T value, long timestamp, List<TimeWindow> windows) =>
            windows.Add(TimeWindow.FromStart(TimeOf(timestamp, clock), WindowArguments.PositiveMilliseconds(gapOf(value), "gap")));
    }
}
