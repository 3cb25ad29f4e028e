using System;
using System.Reactive.Concurrency;

namespace RxStreams.Windows.Triggers;

/// <summary>
/// Flink's <c>ContinuousProcessingTimeTrigger</c>: fires every <c>interval</c> of processing time, at the interval
/// boundaries (aligned to the epoch) after the window's first record, the last one at the window's last timestamp.
/// The pending firing time is the trigger state (<see cref="FireTimeState"/>). Boundaries are floored to the interval
/// (Flink truncates <c>t − t % interval</c>, which differs for negative times, such as a test clock's).
/// </summary>
internal sealed class ContinuousProcessingTimeTrigger(long interval, IScheduler? scheduler) : WindowTrigger
{
    internal override IScheduler? ProcessingTimeScheduler => scheduler;

    public override TriggerResult OnElement(long timestamp, TimeWindow window, ITriggerContext context)
    {
        if (context.State == 0)
        {
            var now = context.CurrentProcessingTime;
            RegisterNext(TimeWindow.StartOf(now, 0, interval), window, context);
        }

        return TriggerResult.Continue;
    }

    public override TriggerResult OnProcessingTime(long time, TimeWindow window, ITriggerContext context)
    {
        if (!FireTimeState.TryGet(context.State, out var pending) || pending != time)
        {
            return TriggerResult.Continue;
        }

        RegisterNext(time, window, context);
        return TriggerResult.Fire;
    }

    public override void Clear(TimeWindow window, ITriggerContext context)
    {
        if (FireTimeState.TryGet(context.State, out var pending))
        {
            context.DeleteProcessingTimeTimer(pending);
            context.State = 0;
        }
    }

    public override long MergeState(long a, long b) => FireTimeState.Merge(a, b);

    public override void OnMerge(TimeWindow window, ITriggerContext context)
    {
        if (FireTimeState.TryGet(context.State, out var pending))
        {
            context.RegisterProcessingTimeTimer(pending);
        }
    }

    private void RegisterNext(long time, TimeWindow window, ITriggerContext context)
    {
        var next = Math.Min(RxStreams.EventTime.Add(time, interval), window.MaxTimestamp);
        context.State = FireTimeState.Of(next);
        context.RegisterProcessingTimeTimer(next);
    }
}
