namespace RxStreams;

/// <summary>A timer that fired, as a dead letter's record when the function's <c>OnTimer</c> failed.</summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <param name="Key">The key the timer belongs to.</param>
/// <param name="Time">The timer's time.</param>
/// <param name="Domain">Its clock.</param>
public readonly record struct FiredTimer<TKey>(TKey Key, long Time, TimeDomain Domain)
{
    /// <summary>For example <c>event-time timer 1000 of key a</c>.</summary>
    public override string ToString() =>
        $"{(Domain == TimeDomain.EventTime ? "event-time" : "processing-time")} timer {Time} of key {Key}";
}
