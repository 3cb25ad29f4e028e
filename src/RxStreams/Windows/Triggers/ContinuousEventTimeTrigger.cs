namespace RxStreams.Windows.Triggers;

/// <summary>
/// Flink's <c>ContinuousEventTimeTrigger</c>: fires at the window's end as <see cref="EventTimeTrigger"/>, and before it
/// every <c>interval</c> of event time, at the interval boundaries (aligned to the epoch) after the window's first
/// record. Flink fires a boundary <c>b</c> when its inclusive watermark reaches <c>b</c>, so here the timer is at
/// <c>b + 1</c>. The pending boundary is the trigger state (<see cref="FireTimeState"/>).
/// </summary>
/// <remarks>
/// Flink re-registers the next boundary at every firing, forever; so here, except at the end of input (watermark
/// <see cref="Watermark.MaxValue"/>), where each boundary left would fire with the same contents, one after the other.
/// Boundaries are floored to the interval (Flink truncates <c>t − t % interval</c>, which differs for negative times).
/// </remarks>
internal sealed class ContinuousEventTimeTrigger(long interval) : WindowTrigger
{
    public override TriggerResult OnElement(long timestamp, TimeWindow window, ITriggerContext context)
    {
        if (window.End <= context.CurrentWatermark)
        {
            return TriggerResult.Fire;
        }

        context.RegisterEventTimeTimer(window.End);
        if (context.State == 0)
        {
            var start = TimeWindow.StartOf(timestamp, 0, interval);
            var next = RxStreams.EventTime.Add(start, interval + 1);
            context.RegisterEventTimeTimer(next);
            context.State = FireTimeState.Of(next);
        }

        return TriggerResult.Continue;
    }

    public override TriggerResult OnEventTime(long time, TimeWindow window, ITriggerContext context)
    {
        if (time == window.End)
        {
            return TriggerResult.Fire;
        }

        if (!FireTimeState.TryGet(context.State, out var pending) || pending != time)
        {
            return TriggerResult.Continue;
        }

        context.State = 0;
        if (context.CurrentWatermark != Watermark.MaxValue)
        {
            var next = RxStreams.EventTime.Add(time, interval);
            context.RegisterEventTimeTimer(next);
            context.State = FireTimeState.Of(next);
        }

        return TriggerResult.Fire;
    }

    public override void Clear(TimeWindow window, ITriggerContext context)
    {
        if (FireTimeState.TryGet(context.State, out var pending))
        {
            context.DeleteEventTimeTimer(pending);
            context.State = 0;
        }
    }

    public override long MergeState(long a, long b) => FireTimeState.Merge(a, b);

    public override void OnMerge(TimeWindow window, ITriggerContext context)
    {
        if (FireTimeState.TryGet(context.State, out var pending))
        {
            context.RegisterEventTimeTimer(pending);
        }
    }
}
