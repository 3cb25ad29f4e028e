using System;
using System.Collections.Generic;
using System.Reactive.Concurrency;

namespace RxStreams;

/// <summary>Fixed-size, non-overlapping event-time windows aligned to the epoch plus an offset.</summary>
public sealed class TumblingEventTimeWindows : WindowAssigner
{
    private readonly TumblingAssignment _assignment;

    private TumblingEventTimeWindows(long size, long offset) => _assignment = new TumblingAssignment(size, offset, null);

    /// <summary>Windows of <paramref name="size"/>: <c>[k·size + offset, (k+1)·size + offset)</c>.</summary>
    /// <param name="size">The window length.</param>
    /// <param name="offset">Shifts the alignment, for example to a time zone; smaller than <paramref name="size"/>.</param>
    public static TumblingEventTimeWindows Of(TimeSpan size, TimeSpan offset = default)
    {
        var ms = WindowArguments.PositiveMilliseconds(size, nameof(size));
        return new(ms, WindowArguments.Offset(offset, ms, nameof(offset)));
    }

    /// <inheritdoc />
    public override bool IsEventTime => true;

    /// <inheritdoc />
    public override WindowTrigger DefaultTrigger => WindowTrigger.EventTime();

    internal override IWindowAssignment<T> Bind<T>() => new TimestampAssignment<T>(_assignment);
}

/// <summary>Fixed-size, non-overlapping processing-time windows: a record belongs to the window of the clock's time when it arrives.</summary>
public sealed class TumblingProcessingTimeWindows : WindowAssigner
{
    private readonly TumblingAssignment _assignment;
    private readonly IScheduler _scheduler;
    private readonly WindowStagger? _stagger;

    private TumblingProcessingTimeWindows(long size, long offset, IScheduler scheduler, WindowStagger? stagger = null)
    {
        _scheduler = scheduler;
        _stagger = stagger;
        _assignment = new TumblingAssignment(size, offset, scheduler);
    }

    /// <summary>Windows of <paramref name="size"/> of <paramref name="scheduler"/>'s clock.</summary>
    /// <param name="size">The window length.</param>
    /// <param name="scheduler">The processing-time clock (a <c>TestScheduler</c> in tests).</param>
    /// <param name="offset">Shifts the alignment; smaller than <paramref name="size"/>.</param>
    public static TumblingProcessingTimeWindows Of(TimeSpan size, IScheduler scheduler, TimeSpan offset = default)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        var ms = WindowArguments.PositiveMilliseconds(size, nameof(size));
        return new(ms, WindowArguments.Offset(offset, ms, nameof(offset)), scheduler);
    }

    /// <summary>
    /// Windows of <paramref name="size"/> staggered by <paramref name="stagger"/> (Flink's <c>of(size, offset, stagger)</c>):
    /// each operator adds its stagger offset, chosen at its first record, to <paramref name="offset"/>. The stagger offset
    /// is not checkpointed, as in Flink: after a restore it is chosen again.
    /// </summary>
    /// <param name="size">The window length.</param>
    /// <param name="scheduler">The processing-time clock.</param>
    /// <param name="offset">Shifts the alignment; smaller than <paramref name="size"/>.</param>
    /// <param name="stagger">How to stagger the windows.</param>
    public static TumblingProcessingTimeWindows Of(TimeSpan size, IScheduler scheduler, TimeSpan offset, WindowStagger stagger)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(stagger);
        var ms = WindowArguments.PositiveMilliseconds(size, nameof(size));
        return new(ms, WindowArguments.Offset(offset, ms, nameof(offset)), scheduler, stagger);
    }

    /// <inheritdoc />
    public override bool IsEventTime => false;

    /// <inheritdoc />
    public override WindowTrigger DefaultTrigger => WindowTrigger.ProcessingTime();

    internal override IScheduler? ProcessingTimeScheduler => _scheduler;

    // A staggered assignment keeps its offset per operator, so each operator binds its own; it leaves the inlined tumbling path.
    internal override IWindowAssignment<T> Bind<T>() =>
        new TimestampAssignment<T>(_stagger is null || _stagger == WindowStagger.Aligned ? _assignment : new StaggeredAssignment(_assignment, _stagger, _scheduler));
}

/// <summary>Tumbling processing-time windows whose alignment gets a stagger offset chosen at the first record.</summary>
internal sealed class StaggeredAssignment(TumblingAssignment aligned, WindowStagger stagger, IScheduler clock) : TimestampAssignment
{
    private TumblingAssignment? _staggered;

    public override void Assign(long timestamp, List<TimeWindow> windows)
    {
        var now = clock.Now.ToUnixTimeMilliseconds();
        _staggered ??= aligned.WithExtraOffset(stagger.OffsetOf(now, aligned.Size));
        windows.Add(_staggered.WindowOf(now));
    }
}

/// <summary>One tumbling window per timestamp (the scheduler's time when one is given).</summary>
internal sealed class TumblingAssignment(long size, long offset, IScheduler? clock) : TimestampAssignment
{
    public long Size => size;

    /// <summary>The same windows shifted by <paramref name="extra"/> more (Flink adds the stagger to the offset modulo the size).</summary>
    public TumblingAssignment WithExtraOffset(long extra) => new(size, (offset + extra) % size, clock);

    public override void Assign(long timestamp, List<TimeWindow> windows) => windows.Add(WindowOf(TimeOf(timestamp)));

    /// <summary>The time that places a record: its timestamp in event time, the clock's time in processing time.</summary>
    public long TimeOf(long timestamp) => clock is null ? timestamp : clock.Now.ToUnixTimeMilliseconds();

    /// <summary>The one window containing <paramref name="time"/>.</summary>
    public TimeWindow WindowOf(long time) => TimeWindow.TumblingWindowOf(time, offset, size);
}
