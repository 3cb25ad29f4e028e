namespace RxStreams;

/// <summary>
/// Timers of a keyed process function, for the current key (Flink's <c>TimerService</c>). A timer fires once for its
/// (key, time), however often it is registered; an event-time timer at <c>t</c> fires when the watermark passes
/// <c>t</c> (reaches <c>t + 1</c> in RxStreams' exclusive convention, Flink's watermark <c>t</c>), a processing-time
/// timer when the scheduler's clock reaches <c>t</c>.
/// </summary>
public interface ITimerService
{
    /// <summary>The current watermark (exclusive: no record below it is expected); <see cref="long.MinValue"/> before the first.</summary>
    long CurrentWatermark { get; }

    /// <summary>The scheduler's clock in milliseconds since the Unix epoch. Throws without a scheduler.</summary>
    long CurrentProcessingTime { get; }

    /// <summary>Fires <c>OnTimer</c> for the current key when the watermark passes <paramref name="time"/>.</summary>
    /// <param name="time">Event time in milliseconds.</param>
    void RegisterEventTimeTimer(long time);

    /// <summary>Fires <c>OnTimer</c> for the current key when the scheduler's clock reaches <paramref name="time"/>. Throws without a scheduler.</summary>
    /// <param name="time">Processing time in milliseconds since the Unix epoch.</param>
    void RegisterProcessingTimeTimer(long time);

    /// <summary>Deletes the current key's event-time timer at <paramref name="time"/>, if there is one.</summary>
    /// <param name="time">The timer's time.</param>
    void DeleteEventTimeTimer(long time);

    /// <summary>Deletes the current key's processing-time timer at <paramref name="time"/>, if there is one.</summary>
    /// <param name="time">The timer's time.</param>
    void DeleteProcessingTimeTimer(long time);
}
