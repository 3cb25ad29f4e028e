using System;
using System.Collections.Generic;
using System.Reactive.Concurrency;

namespace RxStreams;

/// <summary>
/// Event-time windows of a fixed size that start every slide, so a record belongs to size/slide windows (rounded up).
/// Aligned to the epoch plus an offset.
/// </summary>
public sealed class SlidingEventTimeWindows : WindowAssigner
{
    private readonly SlidingAssignment _assignment;

    private SlidingEventTimeWindows(SlidingAssignment assignment) => _assignment = assignment;

    /// <summary>Windows of <paramref name="size"/> starting every <paramref name="slide"/>.</summary>
    /// <param name="size">The window length.</param>
    /// <param name="slide">The distance between window starts; a slide above the size leaves gaps between windows.</param>
    /// <param name="offset">Shifts the alignment; smaller than <paramref name="slide"/>.</param>
    public static SlidingEventTimeWindows Of(TimeSpan size, TimeSpan slide, TimeSpan offset = default) =>
        new(SlidingAssignment.Create(size, slide, offset, null));

    /// <inheritdoc />
    public override bool IsEventTime => true;

    /// <inheritdoc />
    public override WindowTrigger DefaultTrigger => WindowTrigger.EventTime();

    internal override IWindowAssignment<T> Bind<T>() => new TimestampAssignment<T>(_assignment);
}

/// <summary>Processing-time windows of a fixed size starting every slide.</summary>
public sealed class SlidingProcessingTimeWindows : WindowAssigner
{
    private readonly SlidingAssignment _assignment;
    private readonly IScheduler _scheduler;

    private SlidingProcessingTimeWindows(SlidingAssignment assignment, IScheduler scheduler)
    {
        _assignment = assignment;
        _scheduler = scheduler;
    }

    /// <summary>Windows of <paramref name="size"/> starting every <paramref name="slide"/> of <paramref name="scheduler"/>'s clock.</summary>
    /// <param name="size">The window length.</param>
    /// <param name="slide">The distance between window starts.</param>
    /// <param name="scheduler">The processing-time clock.</param>
    /// <param name="offset">Shifts the alignment; smaller than <paramref name="slide"/>.</param>
    public static SlidingProcessingTimeWindows Of(TimeSpan size, TimeSpan slide, IScheduler scheduler, TimeSpan offset = default)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        return new(SlidingAssignment.Create(size, slide, offset, scheduler), scheduler);
    }

    /// <inheritdoc />
    public override bool IsEventTime => false;

    /// <inheritdoc />
    public override WindowTrigger DefaultTrigger => WindowTrigger.ProcessingTime();

    internal override IScheduler? ProcessingTimeScheduler => _scheduler;

    internal override IWindowAssignment<T> Bind<T>() => new TimestampAssignment<T>(_assignment);
}

/// <summary>Every sliding window containing the timestamp, latest start first (Flink's order).</summary>
internal sealed class SlidingAssignment(long size, long slide, long offset, IScheduler? clock) : TimestampAssignment
{
    public static SlidingAssignment Create(TimeSpan size, TimeSpan slide, TimeSpan offset, IScheduler? clock)
    {
        var sizeMs = WindowArguments.PositiveMilliseconds(size, nameof(size));
        var slideMs = WindowArguments.PositiveMilliseconds(slide, nameof(slide));
        return new(sizeMs, slideMs, WindowArguments.Offset(offset, slideMs, nameof(offset)), clock);
    }

    /// <summary>The window length in milliseconds; the window operator slices windows into panes of the slide with it.</summary>
    public long Size => size;

    /// <summary>The distance between window starts in milliseconds.</summary>
    public long Slide => slide;

    /// <summary>The alignment offset in milliseconds.</summary>
    public long Offset => offset;

    /// <summary>True for processing time, whose windows follow a clock rather than the record's timestamp.</summary>
    public bool HasClock => clock is not null;

    public override void Assign(long timestamp, List<TimeWindow> windows)
    {
        var t = clock is null ? timestamp : clock.Now.ToUnixTimeMilliseconds();
        TimeWindow.SlidingWindowsOf(t, offset, size, slide, windows);
    }
}
