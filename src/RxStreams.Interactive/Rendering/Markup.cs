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
    /// An event time (or watermark) as text: <c>Wmin</c>/<c>Wmax</c> at the ends of time, a UTC time of day for timestamps
    /// from the year 2000 on, and the plain millisecond number for small timestamps, as the README's examples use.
    /// </summary>
    /// <param name="timestamp">Milliseconds since the Unix epoch.</param>
    public static string Time(long timestamp)
    {
        if (timestamp == Watermark.MaxValue)
        {
            return "Wmax";
        }

        if (timestamp == Watermark.MinValue)
        {
            return "Wmin";
        }

        return timestamp >= Year2000
            ? EventTime.ToDateTimeOffset(timestamp).ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)
            : timestamp.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A window as <c>[start, end)</c>, with <see cref="Time"/> for both ends.</summary>
    /// <param name="window">The window.</param>
    public static string Window(TimeWindow window) =>
        window.IsGlobal ? "[global)" : "[" + Time(window.Start) + ", " + Time(window.End) + ")";

    /// <summary>A number for SVG coordinates (invariant, two decimals at most).</summary>
    /// <param name="value">The coordinate.</param>
    public static string Svg(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private const long Year2000 = 946_684_800_000;
}
