using System;

namespace RxStreams;

/// <summary>Conversions between RxStreams timestamps (milliseconds since the Unix epoch) and .NET times.</summary>
public static class EventTime
{
    private static readonly long MinMilliseconds = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <summary>The timestamp of a point in time.</summary>
    /// <param name="time">The point in time.</param>
    public static long FromDateTimeOffset(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    /// <summary>The point in time of a timestamp, clamped to the range of <see cref="DateTimeOffset"/>.</summary>
    /// <param name="timestamp">Milliseconds since the Unix epoch.</param>
    public static DateTimeOffset ToDateTimeOffset(long timestamp) =>
        timestamp <= MinMilliseconds ? DateTimeOffset.MinValue
        : timestamp >= MaxMilliseconds ? DateTimeOffset.MaxValue
        : DateTimeOffset.FromUnixTimeMilliseconds(timestamp);

    /// <summary>A duration in whole milliseconds; throws when it is negative.</summary>
    /// <param name="duration">The duration.</param>
    /// <param name="paramName">The parameter name reported on error.</param>
    internal static long ToMilliseconds(TimeSpan duration, string paramName)
    {
        if (duration < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(paramName, duration, "The duration must not be negative.");
        }

        return duration.Ticks / TimeSpan.TicksPerMillisecond;
    }

    /// <summary><paramref name="time"/> + <paramref name="delta"/>, saturated at the ends of time instead of wrapping.</summary>
    /// <param name="time">A timestamp or watermark.</param>
    /// <param name="delta">Milliseconds to add (may be negative).</param>
    internal static long Add(long time, long delta) =>
        delta > 0 && time > long.MaxValue - delta ? long.MaxValue
        : delta < 0 && time < long.MinValue - delta ? long.MinValue
        : time + delta;
}
