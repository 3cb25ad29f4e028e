using System;
using System.Globalization;

namespace RxStreams.Interactive.Charts;

/// <summary>How results become chart numbers, and event times axis values.</summary>
internal static class ChartValue
{
    /// <summary>A number for a result: any .NET number as is, anything else NaN (not charted).</summary>
    public static double Number(object? value) => value switch
    {
        double d => d,
        float f => f,
        decimal m => (double)m,
        long or int or short or sbyte or ulong or uint or ushort or byte => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        _ => double.NaN,
    };

    /// <summary>
    /// True when event times read as calendar times (all from the year 2000 on), so the axis shows UTC date-times;
    /// else the axis shows the plain milliseconds of small example timestamps, as the rest of the display does.
    /// </summary>
    public static bool AreDates(System.Collections.Generic.IEnumerable<long> times)
    {
        var any = false;
        foreach (var t in times)
        {
            if (!Rendering.Markup.IsCalendarTime(t))
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    /// <summary>An axis value for an event time: a UTC date-time text plotly.js reads as a date, or the milliseconds.</summary>
    public static IConvertible Axis(long timestamp, bool dates) =>
        dates ? EventTime.ToDateTimeOffset(timestamp).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture) : timestamp;
}
