namespace RxStreams.Windows.Triggers;

/// <summary>
/// Flink's <c>GlobalWindows.EndOfStreamTrigger</c>: fires once, when the input ends (the watermark reaches
/// <see cref="Watermark.MaxValue"/>). For global windows; a time window is freed before that.
/// </summary>
internal sealed class EndOfStreamTrigger : WindowTrigger
{
    public static readonly EndOfStreamTrigger Instance = new();

    public override TriggerResult OnElement(long timestamp, TimeWindow window, ITriggerContext context)
    {
        context.RegisterEventTimeTimer(Watermark.MaxValue);
        return TriggerResult.Continue;
    }

    public override TriggerResult OnEventTime(long time, TimeWindow window, ITriggerContext context) =>
        time == Watermark.MaxValue ? TriggerResult.Fire : TriggerResult.Continue;

    public override void OnMerge(TimeWindow window, ITriggerContext context) => context.RegisterEventTimeTimer(Watermark.MaxValue);
}
