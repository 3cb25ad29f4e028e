using System;

namespace RxStreams;

/// <summary>
/// Time-to-live of a state (Flink's <c>StateTtlConfig</c>): a key's state that was not written (or, with
/// <see cref="StateTtlUpdate.OnReadAndWrite"/>, read) for <see cref="TimeToLive"/> expires and is freed, so keys that
/// never return do not hold memory forever. Set it on a descriptor:
/// <c>new ValueStateDescriptor&lt;long&gt;("count") { Ttl = StateTtlConfig.OnProcessingTime(TimeSpan.FromMinutes(5)) }</c>.
/// </summary>
/// <remarks>
/// The whole state of one key expires at once (a list or a map with all its entries); Flink expires list elements and
/// map entries one by one. Expired state is never returned with <see cref="StateVisibility.NeverReturnExpired"/>, and
/// is freed as time passes (checked on each record, watermark and timer), not only when the key is read again.
/// </remarks>
/// <param name="TimeToLive">How long state lives after its last update; at least 1 ms.</param>
public sealed record StateTtlConfig(TimeSpan TimeToLive)
{
    /// <summary>How long state lives after its last update; at least 1 ms.</summary>
    public TimeSpan TimeToLive { get; init; } = TimeToLive >= TimeSpan.FromMilliseconds(1)
        ? TimeToLive
        : throw new ArgumentOutOfRangeException(nameof(TimeToLive), TimeToLive, "A state's time to live must be at least 1 ms.");

    /// <summary>Which accesses restart the time to live; writes only by default.</summary>
    public StateTtlUpdate UpdateType { get; init; } = StateTtlUpdate.OnCreateAndWrite;

    /// <summary>Whether a read may still see a value that expired but was not yet freed; never by default.</summary>
    public StateVisibility Visibility { get; init; } = StateVisibility.NeverReturnExpired;

    /// <summary>
    /// The clock of the time to live. Processing time (the default, as in Flink) needs the operator's scheduler.
    /// Event time counts from the record's timestamp (the timer's time in <c>OnTimer</c>) and expires as the watermark passes.
    /// </summary>
    public TimeDomain TimeDomain { get; init; } = TimeDomain.ProcessingTime;

    /// <summary>A time to live on the processing-time clock.</summary>
    /// <param name="timeToLive">How long state lives after its last update.</param>
    public static StateTtlConfig OnProcessingTime(TimeSpan timeToLive) => new(timeToLive);

    /// <summary>A time to live in event time.</summary>
    /// <param name="timeToLive">How long state lives after its last update.</param>
    public static StateTtlConfig OnEventTime(TimeSpan timeToLive) => new(timeToLive) { TimeDomain = TimeDomain.EventTime };

    /// <summary>The time to live in whole milliseconds.</summary>
    internal long Milliseconds => TimeToLive.Ticks / TimeSpan.TicksPerMillisecond;
}
