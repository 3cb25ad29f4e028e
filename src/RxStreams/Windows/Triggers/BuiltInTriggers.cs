using System.Reactive.Concurrency;

namespace RxStreams.Windows.Triggers;

/// <summary>
/// Flink's <c>EventTimeTrigger</c>: a timer at the window's end (in RxStreams' exclusive watermark, the watermark
/// reaching <c>End</c>), and an immediate firing for a record that arrives when the watermark is already past the end.
/// </summary>
internal sealed class EventTimeTrigger : WindowTrigger
{
    public static readonly EventTimeTrigger Instance = new();

    public override TriggerResult OnElement(long timestamp, TimeWindow window, ITriggerContext context)
    {
        if (window.End <= context.CurrentWatermark)
        {
            return TriggerResult.Fire;
        }

        context.RegisterEventTimeTimer(window.End);
        return TriggerResult.Continue;
    }

    public override TriggerResult OnEventTime(long time, TimeWindow window, ITriggerContext context) =>
        time == window.End ? TriggerResult.Fire : TriggerResult.Continue;

    public override void OnMerge(TimeWindow window, ITriggerContext context)
    {
        if (window.End > context.CurrentWatermark)
        {
            context.RegisterEventTimeTimer(window.End);
        }
    }
}

/// <summary>
/// Flink's <c>ProcessingTimeTrigger</c>: a timer at the window's last timestamp (<c>End − 1</c>), firing when the
/// processing clock reaches it.
/// </summary>
internal sealed class ProcessingTimeTrigger : WindowTrigger
{
    public static readonly ProcessingTimeTrigger Instance = new();

    public override TriggerResult OnElement(long timestamp, TimeWindow window, ITriggerContext context)
    {
        context.RegisterProcessingTimeTimer(window.MaxTimestamp);
        return TriggerResult.Continue;
    }

    public override TriggerResult OnProcessingTime(long time, TimeWindow window, ITriggerContext context) =>
        time == window.MaxTimestamp ? TriggerResult.Fire : TriggerResult.Continue;

    public override void OnMerge(TimeWindow window, ITriggerContext context) => context.RegisterProcessingTimeTimer(window.MaxTimestamp);
}

/// <summary>Flink's <c>CountTrigger</c>: fires every <c>count</c> records, counting in the per-window state.</summary>
internal sealed class CountTrigger(long count) : WindowTrigger
{
    public override TriggerResult OnElement(long timestamp, TimeWindow window, ITriggerContext context)
    {
        ref var seen = ref context.State;
        if (++seen < count)
        {
            return TriggerResult.Continue;
        }

        seen = 0;
        return TriggerResult.Fire;
    }
}

/// <summary>Never fires.</summary>
internal sealed class NeverTrigger : WindowTrigger
{
    public static readonly NeverTrigger Instance = new();

    public override TriggerResult OnElement(long timestamp, TimeWindow window, ITriggerContext context) => TriggerResult.Continue;
}

/// <summary>Makes every firing purge.</summary>
internal sealed class PurgingTrigger(WindowTrigger inner) : WindowTrigger
{
    public WindowTrigger Inner => inner;

    internal override IScheduler? ProcessingTimeScheduler => inner.ProcessingTimeScheduler;

    public override TriggerResult OnElement(long timestamp, TimeWindow window, ITriggerContext context) =>
        Purge(inner.OnElement(timestamp, window, context));

    public override TriggerResult OnEventTime(long time, TimeWindow window, ITriggerContext context) =>
        Purge(inner.OnEventTime(time, window, context));

    public override TriggerResult OnProcessingTime(long time, TimeWindow window, ITriggerContext context) =>
        Purge(inner.OnProcessingTime(time, window, context));

    public override void OnMerge(TimeWindow window, ITriggerContext context) => inner.OnMerge(window, context);

    public override void Clear(TimeWindow window, ITriggerContext context) => inner.Clear(window, context);

    public override long MergeState(long a, long b) => inner.MergeState(a, b);

    private static TriggerResult Purge(TriggerResult result) => result == TriggerResult.Fire ? TriggerResult.FireAndPurge : result;
}

/// <summary>
/// Adds early firings every N records before the watermark reaches the window's end. The per-window state counts
/// records since the last early firing; the inner trigger must not use the state itself.
/// </summary>
internal sealed class EarlyCountTrigger(WindowTrigger inner, long every) : WindowTrigger
{
    public WindowTrigger Inner => inner;

    internal override IScheduler? ProcessingTimeScheduler => inner.ProcessingTimeScheduler;

    public override TriggerResult OnElement(long timestamp, TimeWindow window, ITriggerContext context)
    {
        var result = inner.OnElement(timestamp, window, context);
        if (result != TriggerResult.Continue || window.End <= context.CurrentWatermark)
        {
            return result;
        }

        ref var seen = ref context.State;
        if (++seen < every)
        {
            return TriggerResult.Continue;
        }

        seen = 0;
        return TriggerResult.Fire;
    }

    public override TriggerResult OnEventTime(long time, TimeWindow window, ITriggerContext context) => inner.OnEventTime(time, window, context);

    public override TriggerResult OnProcessingTime(long time, TimeWindow window, ITriggerContext context) => inner.OnProcessingTime(time, window, context);

    public override void OnMerge(TimeWindow window, ITriggerContext context) => inner.OnMerge(window, context);
}

/// <summary>
/// Adds early firings every interval of processing time while the watermark is before the window's end. The per-window
/// state holds the next early firing's time (0 when none is pending).
/// </summary>
internal sealed class EarlyIntervalTrigger(WindowTrigger inner, long interval, IScheduler scheduler) : WindowTrigger
{
    public WindowTrigger Inner => inner;

    internal override IScheduler? ProcessingTimeScheduler => scheduler;

    public override TriggerResult OnElement(long timestamp, TimeWindow window, ITriggerContext context)
    {
        var result = inner.OnElement(timestamp, window, context);
        ref var next = ref context.State;
        if (next == 0 && window.End > context.CurrentWatermark)
        {
            next = RxStreams.EventTime.Add(context.CurrentProcessingTime, interval);
            context.RegisterProcessingTimeTimer(next);
        }

        return result;
    }

    public override TriggerResult OnEventTime(long time, TimeWindow window, ITriggerContext context) => inner.OnEventTime(time, window, context);

    public override TriggerResult OnProcessingTime(long time, TimeWindow window, ITriggerContext context)
    {
        ref var next = ref context.State;
        if (time != next)
        {
            return inner.OnProcessingTime(time, window, context);
        }

        next = 0;
        return window.End > context.CurrentWatermark ? TriggerResult.Fire : TriggerResult.Continue;
    }

    public override void OnMerge(TimeWindow window, ITriggerContext context)
    {
        // Summed times mean nothing: disarm, and let the merged window's next record arm a fresh interval.
        context.State = 0;
        inner.OnMerge(window, context);
    }
}
