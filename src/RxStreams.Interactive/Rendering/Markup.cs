using System;
using System.Globalization;
using System.Net;

namespace RxStreams.Interactive.Rendering;

/// <summary>Small helpers shared by the HTML and SVG builders: escaping, numbers and event times as text.</summary>
public static class Markup
{
    /// <summary>The CSS that every RxStreams view carries once, scoped to elements with the class <c>rxs</c>.</summary>
    public const string Style =
        "<style>" +
        ".rxs{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:13px}" +
        ".rxs table{border-collapse:collapse;margin:4px 0}" +
        ".rxs th,.rxs td{border:1px solid #ccc;padding:2px 8px;text-align:left}" +
        ".rxs th{background:#f3f3f3}" +
        ".rxs td.num{text-align:right;font-variant-numeric:tabular-nums}" +
        ".rxs tr.early td{color:#8a6d00}.rxs tr.late td{color:#b00020}.rxs tr.fresh td{background:#eef7ee}" +
        ".rxs .status{margin:4px 0;color:#333}.rxs .side{display:flex;gap:24px;align-items:flex-start;flex-wrap:wrap}" +
        "</style>";

    /// <summary>HTML-escapes text.</summary>
    /// <param name="text">Any text; null gives the empty string.</param>
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>An invariant text of a value, as the compact stream notation prints it.</summary>
    /// <param name="value">Any value.</param>
    public static string Text(object? value) => value switch
    {
        null => "null",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>An integer with thousands separators, for counts.</summary>
    /// <param name="count">The count.</param>
    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A rate with at most one decimal.</summary>
    /// <param name="perSecond">Per second.</param>
    public static string Rate(double perSecond) => perSecond.ToString("#,0.#", CultureInfo.InvariantCulture);

    /// <summary>
    /// An event time (or watermark) as text: <c>Wmin</c>/<c>Wmax</c> at the ends of time, a UTC date-time such as
    /// <c>2024-06-01 09:00:18 UTC</c> for timestamps from the year 2000 on (milliseconds only when there are any), and
    /// the plain millisecond number for small timestamps, as the README's examples and the stream notation use.
    /// </summary>
    /// <param name="timestamp">Milliseconds since the Unix epoch.</param>
    public static string Time(long timestamp) =>
        IsCalendarTime(timestamp) ? Day(timestamp) + " " + Clock(timestamp) + " UTC" : Short(timestamp);

    /// <summary>
    /// A window as <c>[start, end)</c>: <c>[2024-06-01 08:59:00, 09:00:00) UTC</c> for calendar times (the end's date
    /// only when it differs from the start's), <c>[0, 5000)</c> for small timestamps, <c>[global)</c> for the global window.
    /// </summary>
    /// <param name="window">The window.</param>
    public static string Window(TimeWindow window)
    {
        if (window.IsGlobal)
        {
            return "[global)";
        }

        if (IsCalendarTime(window.Start) && IsCalendarTime(window.End))
        {
            var end = Day(window.End) == Day(window.Start) ? Clock(window.End) : Day(window.End) + " " + Clock(window.End);
            return "[" + Day(window.Start) + " " + Clock(window.Start) + ", " + end + ") UTC";
        }

        return "[" + Short(window.Start) + ", " + Short(window.End) + ")";
    }

    /// <summary>The UTC time of day of a calendar time, <c>HH:mm:ss</c>, with <c>.fff</c> when it has milliseconds.</summary>
    /// <param name="timestamp">Milliseconds since the Unix epoch.</param>
    public static string Clock(long timestamp)
    {
        var time = EventTime.ToDateTimeOffset(timestamp).UtcDateTime;
        return time.ToString(time.Millisecond == 0 ? "HH:mm:ss" : "HH:mm:ss.fff", CultureInfo.InvariantCulture);
    }

    /// <summary>The UTC date of a calendar time, <c>yyyy-MM-dd</c>.</summary>
    /// <param name="timestamp">Milliseconds since the Unix epoch.</param>
    public static string Day(long timestamp) =>
        EventTime.ToDateTimeOffset(timestamp).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>True for a timestamp shown as a UTC date-time: from the year 2000 to the year 9999 (so not <see cref="Watermark.MaxValue"/>).</summary>
    /// <param name="timestamp">Milliseconds since the Unix epoch.</param>
    public static bool IsCalendarTime(long timestamp) => timestamp is >= Year2000 and <= Year9999;

    /// <summary>A timestamp as the stream notation prints it: <c>Wmin</c>, <c>Wmax</c> or the milliseconds.</summary>
    private static string Short(long timestamp) => timestamp switch
    {
        Watermark.MaxValue => "Wmax",
        Watermark.MinValue => "Wmin",
        _ => timestamp.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>A number for SVG coordinates (invariant, two decimals at most).</summary>
    /// <param name="value">The coordinate.</param>
    public static string Svg(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private const long Year2000 = 946_684_800_000;
    private const long Year9999 = 253_402_300_799_999;
}
