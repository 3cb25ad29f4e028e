namespace RxStreams;

/// <summary>What a <see cref="WindowTrigger"/> can see and do for the window it is deciding about.</summary>
public interface ITriggerContext
{
    /// <summary>The operator's current watermark.</summary>
    long CurrentWatermark { get; }

    /// <summary>The processing-time clock in milliseconds since the epoch (the windows' or trigger's scheduler).</summary>
    long CurrentProcessingTime { get; }

    /// <summary>
    /// A number the trigger keeps per key and window (for example a record count, or the next firing time); it starts
    /// at 0, is combined by <see cref="WindowTrigger.MergeState"/> (a sum by default) when session windows merge, is
    /// checkpointed with the window, and is dropped with it.
    /// </summary>
    ref long State { get; }

    /// <summary>Asks for <see cref="WindowTrigger.OnEventTime"/> when the watermark reaches <paramref name="time"/>. Registering the same time twice calls once.</summary>
    /// <param name="time">The event time.</param>
    void RegisterEventTimeTimer(long time);

    /// <summary>Asks for <see cref="WindowTrigger.OnProcessingTime"/> when the processing clock reaches <paramref name="time"/>.</summary>
    /// <param name="time">The processing time in milliseconds since the epoch.</param>
    void RegisterProcessingTimeTimer(long time);

    /// <summary>
    /// Deletes an event-time timer this window registered (Flink's <c>deleteEventTimeTimer</c>); nothing when none is
    /// pending. The operator's own cleanup timer (end + allowed lateness) is never deleted.
    /// </summary>
    /// <param name="time">The timer's time.</param>
    void DeleteEventTimeTimer(long time);

    /// <summary>Deletes a processing-time timer this window registered; nothing when none is pending. The processing-time cleanup timer stays.</summary>
    /// <param name="time">The timer's time.</param>
    void DeleteProcessingTimeTimer(long time);
}
