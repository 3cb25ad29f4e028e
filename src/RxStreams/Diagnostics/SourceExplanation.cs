using System;

namespace RxStreams;

/// <summary>A <c>WithEventTime</c> source as an explainer saw it.</summary>
/// <param name="Records">Records it received.</param>
/// <param name="NewestTimestamp">The highest timestamp of those; null before the first record.</param>
/// <param name="Bound">Its out-of-orderness bound; null when its strategy is not bounded out-of-orderness (or monotonous, a bound of 0).</param>
/// <param name="IdleTimeout">Its idle timeout (<c>WithIdleness</c>); null when idleness is not configured.</param>
/// <param name="IsIdle">True while it is marked idle.</param>
/// <param name="IsCompleted">True once its input ended.</param>
/// <param name="SinceLastRecord">Processing time since its last record; null before the first record.</param>
public sealed record SourceExplanation(
    long Records, long? NewestTimestamp, TimeSpan? Bound, TimeSpan? IdleTimeout, bool IsIdle, bool IsCompleted, TimeSpan? SinceLastRecord);
