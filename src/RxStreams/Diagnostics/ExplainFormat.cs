using System;
using System.Globalization;

namespace RxStreams.Diagnostics;

/// <summary>Event times, windows and durations as the explainer's text writes them.</summary>
internal static class ExplainFormat
{
    private const long Year2000 = 946_684_800_000;
    private const long Year9999 = 253_402_300_799_999;

    /// <summary><c>Wmin</c>, <c>Wmax</c>, a UTC date-time for timestamps from the year 2000 on, else the milliseconds.</summary>
    public static string At(long timestamp) => timestamp switch
    {
        Watermark.MinValue => "Wmin",
        Watermark.MaxValue => "Wmax",
        >= Year2000 and <= Year9999 => Calendar(timestamp, withDate: true) + " UTC",
        _ => timestamp.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>A watermark that may be unknown.</summary>
    public static string At(long? timestamp) => timestamp is { } t ? At(t) : "–";

    /// <summary><c>[start, end)</c>; for calendar times the end's date only when it differs from the start's.</summary>
    public static string Window(TimeWindow window)
    {
        if (window.IsGlobal)
        {
            return "[global)";
        }

        if (window.Start is >= Year2000 and <= Year9999 && window.End is >= Year2000 and <= Year9999)
        {
            var sameDay = window.Start / 86_400_000 == window.End / 86_400_000;
            return "[" + Calendar(window.Start, withDate: true) + ", " + Calendar(window.End, withDate: !sameDay) + ") UTC";
        }

        return "[" + At(window.Start) + ", " + At(window.End) + ")";
    }

    /// <summary><c>250 ms</c>, <c>1.5 s</c>, <c>2 min 5 s</c>, <c>3 h 10 min</c>.</summary>
    public static string Duration(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            return "-" + Duration(duration.Negate());
        }

        var ms = (long)duration.TotalMilliseconds;
        return ms switch
        {
            < 1_000 => ms.ToString(CultureInfo.InvariantCulture) + " ms",
            < 60_000 => (ms / 1000.0).ToString("0.###", CultureInfo.InvariantCulture) + " s",
            < 3_600_000 => Join(ms / 60_000, "min", ms % 60_000 / 1000, "s"),
            _ => Join(ms / 3_600_000, "h", ms % 3_600_000 / 60_000, "min"),
        };
    }

    /// <summary>A duration of event time in milliseconds.</summary>
    public static string Duration(long milliseconds) => Duration(TimeSpan.FromMilliseconds(milliseconds));

    private static string Join(long major, string majorUnit, long minor, string minorUnit) =>
        minor == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{major} {majorUnit}")
            : string.Create(CultureInfo.InvariantCulture, $"{major} {majorUnit} {minor} {minorUnit}");

    private static string Calendar(long timestamp, bool withDate)
    {
        var time = EventTime.ToDateTimeOffset(timestamp).UtcDateTime;
        var clock = time.Millisecond == 0 ? "HH:mm:ss" : "HH:mm:ss.fff";
        return time.ToString(withDate ? "yyyy-MM-dd " + clock : clock, CultureInfo.InvariantCulture);
    }
}
