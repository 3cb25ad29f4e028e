using System;
using System.Reactive.Concurrency;
using RxStreams.Windows.Triggers;

namespace RxStreams;

/// <summary>
/// Decides when a window emits its result (Flink's <c>Trigger</c>). Subclass it for a custom trigger; the built-ins
/// come from the static methods: <see cref="EventTime"/> (the default of event-time windows),
/// <see cref="ProcessingTime"/>, <see cref="Count"/>, <see cref="ContinuousEventTime"/>,
/// <see cref="ContinuousProcessingTime(TimeSpan)"/>, <see cref="EndOfStream"/>, <see cref="Never"/>, and the modifiers
/// <see cref="WithEarlyFirings(long)"/>, <see cref="WithEarlyFirings(TimeSpan, IScheduler)"/> and <see cref="Purging"/>.
/// Triggers see timestamps and their own per-window state (<see cref="ITriggerContext.State"/>, or typed states from
/// <see cref="ITriggerContext.GetPartitionedState{T}(ValueStateDescriptor{T})"/>), not the records' contents.
/// </summary>
public abstract class WindowTrigger
{
    /// <summary>Called for every record added to <paramref name="window"/>.</summary>
    /// <param name="timestamp">The record's timestamp.</param>
    /// <param name="window">The window.</param>
    /// <param name="context">Timers and per-window state.</param>
    public abstract TriggerResult OnElement(long timestamp, TimeWindow window, ITriggerContext context);

    /// <summary>Called when the watermark reaches an event-time timer this trigger registered.</summary>
    /// <param name="time">The timer's time.</param>
    /// <param name="window">The window.</param>
    /// <param name="context">Timers and per-window state.</param>
    public virtual TriggerResult OnEventTime(long time, TimeWindow window, ITriggerContext context) => TriggerResult.Continue;

    /// <summary>Called when the processing clock reaches a processing-time timer this trigger registered.</summary>
    /// <param name="time">The timer's time.</param>
    /// <param name="window">The window.</param>
    /// <param name="context">Timers and per-window state.</param>
    public virtual TriggerResult OnProcessingTime(long time, TimeWindow window, ITriggerContext context) => TriggerResult.Continue;

    /// <summary>
    /// Called when session windows merged into <paramref name="window"/>, to register the timers the merged window needs
    /// and to merge typed states with <see cref="ITriggerContext.MergePartitionedState{T}"/> (Flink's <c>onMerge</c>).
    /// </summary>
    /// <param name="window">The merged window.</param>
    /// <param name="context">Timers, the per-window number combined by <see cref="MergeState"/>, and the typed states.</param>
    public virtual void OnMerge(TimeWindow window, ITriggerContext context)
    {
    }

    /// <summary>
    /// Called when the window's state is freed (the watermark reached end + allowed lateness; in processing time the
    /// clock reached its last timestamp), to delete the timers this trigger still has pending (Flink's <c>clear</c>).
    /// Its <see cref="ITriggerContext.State"/> and typed states are dropped after this call.
    /// </summary>
    /// <param name="window">The window.</param>
    /// <param name="context">Timers and per-window state.</param>
    public virtual void Clear(TimeWindow window, ITriggerContext context)
    {
    }

    /// <summary>
    /// Combines the <see cref="ITriggerContext.State"/> of two session windows that merge (Flink's merging of partitioned
    /// trigger state with the state's reduce function); by default their sum, which suits counts.
    /// </summary>
    /// <param name="a">The state of one merged window.</param>
    /// <param name="b">The state of the other.</param>
    public virtual long MergeState(long a, long b) => a + b;

    /// <summary>The processing-time clock this trigger needs, if any.</summary>
    internal virtual IScheduler? ProcessingTimeScheduler => null;

    /// <summary>Fires once when the watermark reaches the window's end, then once per late record within the allowed lateness.</summary>
    public static WindowTrigger EventTime() => EventTimeTrigger.Instance;

    /// <summary>Fires once when the processing clock reaches the window's end.</summary>
    public static WindowTrigger ProcessingTime() => ProcessingTimeTrigger.Instance;

    /// <summary>Fires every <paramref name="count"/> records added to the window (the trigger of count windows).</summary>
    /// <param name="count">Records per firing; at least 1.</param>
    public static WindowTrigger Count(long count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new CountTrigger(count);
    }

    /// <summary>
    /// Fires at the window's end, and before it every <paramref name="interval"/> of event time, when the watermark passes
    /// each interval boundary (epoch-aligned) after the window's first record (Flink's <c>ContinuousEventTimeTrigger</c>).
    /// </summary>
    /// <param name="interval">The event-time period; positive.</param>
    public static WindowTrigger ContinuousEventTime(TimeSpan interval) =>
        new ContinuousEventTimeTrigger(WindowArguments.PositiveMilliseconds(interval, nameof(interval)));

    /// <summary>
    /// Fires every <paramref name="interval"/> of processing time from the window's first record, at epoch-aligned
    /// boundaries, the last one at the window's last timestamp (Flink's <c>ContinuousProcessingTimeTrigger</c>), on the
    /// processing-time windows' clock.
    /// </summary>
    /// <param name="interval">The processing-time period; positive.</param>
    public static WindowTrigger ContinuousProcessingTime(TimeSpan interval) =>
        new ContinuousProcessingTimeTrigger(WindowArguments.PositiveMilliseconds(interval, nameof(interval)), null);

    /// <summary>As <see cref="ContinuousProcessingTime(TimeSpan)"/>, on <paramref name="scheduler"/>'s clock (for event-time or global windows).</summary>
    /// <param name="interval">The processing-time period; positive.</param>
    /// <param name="scheduler">The processing-time clock.</param>
    public static WindowTrigger ContinuousProcessingTime(TimeSpan interval, IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        return new ContinuousProcessingTimeTrigger(WindowArguments.PositiveMilliseconds(interval, nameof(interval)), scheduler);
    }

    /// <summary>Fires once when the input ends (Flink's <c>EndOfStreamTrigger</c>, for <see cref="GlobalWindows"/>).</summary>
    public static WindowTrigger EndOfStream() => EndOfStreamTrigger.Instance;

    /// <summary>Never fires (the default of <see cref="GlobalWindows"/>).</summary>
    public static WindowTrigger Never() => NeverTrigger.Instance;

    /// <summary>Adds early firings every <paramref name="records"/> records added to the window before the watermark reaches its end.</summary>
    /// <param name="records">Records per early firing; at least 1.</param>
    public WindowTrigger WithEarlyFirings(long records)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(records, 1);
        return new EarlyCountTrigger(this, records);
    }

    /// <summary>
    /// Adds early firings every <paramref name="interval"/> of processing time while the window has records and the
    /// watermark has not reached its end.
    /// </summary>
    /// <param name="interval">The processing-time period; positive.</param>
    /// <param name="scheduler">The processing-time clock.</param>
    public WindowTrigger WithEarlyFirings(TimeSpan interval, IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        return new EarlyIntervalTrigger(this, WindowArguments.PositiveMilliseconds(interval, nameof(interval)), scheduler);
    }

    /// <summary>Turns every <see cref="TriggerResult.Fire"/> into <see cref="TriggerResult.FireAndPurge"/>: each result covers only the records since the previous one.</summary>
    public WindowTrigger Purging() => this as PurgingTrigger ?? new PurgingTrigger(this);
}
