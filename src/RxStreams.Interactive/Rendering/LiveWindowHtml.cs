using System;
using System.Linq;
using System.Text;
using RxStreams.Interactive.Live;

namespace RxStreams.Interactive.Rendering;

/// <summary>
/// HTML of a live view: a status line (watermark, results, late updates, late records, throughput, state) over one
/// table of window results, newest windows last. Rows changed since the previous rendering are highlighted.
/// </summary>
public static class LiveWindowHtml
{
    /// <summary>The live view as HTML.</summary>
    /// <param name="table">The state.</param>
    /// <param name="title">A title above the status line, or null.</param>
    /// <param name="maxRows">The most rows shown; older windows are summarized in one line.</param>
    /// <param name="freshSince">Rows whose version is above this are highlighted.</param>
    public static string Render(LiveWindowTable table, string? title = null, int maxRows = 50, long freshSince = long.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(table);
        var rows = table.Rows;
        var html = new StringBuilder("<div class=\"rxs rxs-live\">").Append(Markup.Style);
        if (title is not null)
        {
            html.Append("<div class=\"title\"><b>").Append(Markup.Encode(title)).Append("</b></div>");
        }

        html.Append("<div class=\"status\">").Append(Markup.Encode(Status(table))).Append("</div>");
        html.Append(WindowResultsHtml.Header(table.Keyless));
        var hidden = Math.Max(0, rows.Count - maxRows);
        if (hidden > 0)
        {
            html.Append("<tr class=\"more\"><td colspan=\"").Append(table.Keyless ? 3 : 4).Append("\">… ").Append(Markup.Count(hidden)).Append(" earlier window results not shown</td></tr>");
        }

        foreach (var row in rows.Skip(hidden))
        {
            html.Append(WindowResultsHtml.Row(table.Keyless ? null : row.Key, row.Window, row.Value, row.Firing, row.FiringIndex, row.Version > freshSince));
        }

        return html.Append("</tbody></table></div>").ToString();
    }

    /// <summary>
    /// The status line as text, for example
    /// <c>watermark Wmax · 12 results (1 late update) · 2 late records · 4,000 records/s · completed</c>.
    /// </summary>
    /// <param name="table">The state.</param>
    public static string Status(LiveWindowTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var parts = new StringBuilder();
        parts.Append("watermark ").Append(Markup.Time(table.Watermark));
        parts.Append(" · ").Append(Markup.Count(table.Results)).Append(table.Results == 1 ? " result" : " results");
        parts.Append(" (").Append(Markup.Count(table.LateUpdates)).Append(table.LateUpdates == 1 ? " late update)" : " late updates)");
        if (table.LateRecords is { } late)
        {
            parts.Append(" · ").Append(Markup.Count(late)).Append(late == 1 ? " late record" : " late records");
        }

        if (table.PerSecond is { } rate)
        {
            parts.Append(" · ").Append(Markup.Rate(rate)).Append(table.InputRecords is null ? " results/s" : " records/s");
        }

        parts.Append(" · ").Append(State(table));
        return parts.ToString();
    }

    /// <summary>The live view as plain text: the status line and one line per row.</summary>
    /// <param name="table">The state.</param>
    public static string PlainText(LiveWindowTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var text = new StringBuilder(Status(table)).Append('\n');
        foreach (var row in table.Rows)
        {
            text.Append(table.Keyless ? string.Empty : row.Key + " ").Append(Markup.Window(row.Window)).Append(" = ").Append(row.Value);
            text.Append(" (").Append(WindowResultsHtml.Firing(row.Firing, row.FiringIndex)).Append(")\n");
        }

        return text.ToString();
    }

    /// <summary>How the stream stands: <c>running</c>, <c>completed</c>, <c>stopped</c> or <c>failed: message</c>.</summary>
    /// <param name="table">The state.</param>
    internal static string State(ILiveTable table) =>
        table.Failure is { } error ? "failed: " + error : table.Completed ? "completed" : table.Stopped ? "stopped" : "running";
}
