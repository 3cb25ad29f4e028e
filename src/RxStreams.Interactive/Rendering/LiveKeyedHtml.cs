using System;
using System.Linq;
using System.Text;
using RxStreams.Interactive.Live;

namespace RxStreams.Interactive.Rendering;

/// <summary>
/// HTML of a live view of rolling per-key results: a status line (watermark, results, throughput, state) over one
/// table with the latest result of each key and the event time it was computed at. Rows changed since the previous
/// rendering are highlighted.
/// </summary>
public static class LiveKeyedHtml
{
    /// <summary>The live view as HTML.</summary>
    /// <param name="table">The state.</param>
    /// <param name="title">A title above the status line, or null.</param>
    /// <param name="maxRows">The most rows shown; the rest are counted in one line.</param>
    /// <param name="freshSince">Rows whose version is above this are highlighted.</param>
    public static string Render(LiveKeyedTable table, string? title = null, int maxRows = 50, long freshSince = long.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(table);
        var rows = table.Rows;
        var html = new StringBuilder("<div class=\"rxs rxs-live rxs-live-keyed\">").Append(Markup.Style);
        if (title is not null)
        {
            html.Append("<div class=\"title\"><b>").Append(Markup.Encode(title)).Append("</b></div>");
        }

        html.Append("<div class=\"status\">").Append(Markup.Encode(Status(table))).Append("</div>");
        html.Append("<table class=\"rxs-keyed\"><thead><tr><th>key</th><th>value</th><th>at</th><th>updates</th></tr></thead><tbody>");
        foreach (var row in rows.Take(maxRows))
        {
            html.Append("<tr class=\"ontime").Append(row.Version > freshSince ? " fresh" : string.Empty).Append("\"><td>")
                .Append(Markup.Encode(row.Key)).Append("</td><td class=\"num\">").Append(Markup.Encode(row.Value))
                .Append("</td><td>").Append(Markup.Encode(Markup.Time(row.Timestamp))).Append("</td><td class=\"num\">")
                .Append(Markup.Count(row.Updates)).Append("</td></tr>");
        }

        if (rows.Count > maxRows)
        {
            html.Append("<tr class=\"more\"><td colspan=\"4\">… ").Append(Markup.Count(rows.Count - maxRows)).Append(" more keys not shown</td></tr>");
        }

        return html.Append("</tbody></table></div>").ToString();
    }

    /// <summary>The status line as text, for example <c>watermark W5000 · 7 results · 3 keys · 120 records/s · running</c>.</summary>
    /// <param name="table">The state.</param>
    public static string Status(LiveKeyedTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var keys = table.Rows.Count;
        var parts = new StringBuilder();
        parts.Append("watermark ").Append(Markup.Time(table.Watermark));
        parts.Append(" · ").Append(Markup.Count(table.Results)).Append(table.Results == 1 ? " result" : " results");
        parts.Append(" · ").Append(Markup.Count(keys)).Append(keys == 1 ? " key" : " keys");
        if (table.LateRecords is { } late)
        {
            parts.Append(" · ").Append(Markup.Count(late)).Append(late == 1 ? " late record" : " late records");
        }

        if (table.PerSecond is { } rate)
        {
            parts.Append(" · ").Append(Markup.Rate(rate)).Append(table.InputRecords is null ? " results/s" : " records/s");
        }

        return parts.Append(" · ").Append(LiveWindowHtml.State(table)).ToString();
    }

    /// <summary>The live view as plain text: the status line and one <c>key = value @time</c> line per key.</summary>
    /// <param name="table">The state.</param>
    public static string PlainText(LiveKeyedTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var text = new StringBuilder(Status(table)).Append('\n');
        foreach (var row in table.Rows)
        {
            text.Append(row.Key).Append(" = ").Append(row.Value).Append(" @").Append(Markup.Time(row.Timestamp)).Append('\n');
        }

        return text.ToString();
    }
}
