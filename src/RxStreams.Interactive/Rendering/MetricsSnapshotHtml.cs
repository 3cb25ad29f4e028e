using System;
using System.Globalization;
using System.Text;

namespace RxStreams.Interactive.Rendering;

/// <summary>HTML for a <see cref="MetricsSnapshot"/>: one table of measuring points, one of exchange channels.</summary>
public static class MetricsSnapshotHtml
{
    /// <summary>The snapshot as tables.</summary>
    /// <param name="snapshot">The snapshot.</param>
    public static string Render(MetricsSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var html = new StringBuilder("<div class=\"rxs rxs-metrics\">").Append(Markup.Style)
            .Append("<div class=\"status\">metrics at <b>").Append(Markup.Encode(snapshot.Time.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture))).Append("</b></div>");
        if (snapshot.Operators.Count > 0)
        {
            html.Append("<table><thead><tr><th>measuring point</th><th>records</th><th>records/s</th><th>late</th><th>watermark</th><th>watermark lag</th><th>latency p50 / p95 / p99</th></tr></thead><tbody>");
            foreach (var op in snapshot.Operators)
            {
                html.Append("<tr><td>").Append(Markup.Encode(op.Name)).Append("</td><td class=\"num\">").Append(Markup.Count(op.Records))
                    .Append("</td><td class=\"num\">").Append(Markup.Rate(op.RecordsPerSecond))
                    .Append("</td><td class=\"num\">").Append(Markup.Count(op.LateRecords))
                    .Append("</td><td>").Append(Markup.Encode(Markup.Time(op.Watermark)))
                    .Append("</td><td class=\"num\">").Append(op.WatermarkLag is { } lag ? Milliseconds(lag) : "–")
                    .Append("</td><td class=\"num\">").Append(op.Latency is { } l ? Milliseconds(l.P50) + " / " + Milliseconds(l.P95) + " / " + Milliseconds(l.P99) : "–")
                    .Append("</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        if (snapshot.Channels.Count > 0)
        {
            html.Append("<table><thead><tr><th>channel</th><th>occupancy</th><th>max</th><th>capacity</th><th>transferred</th><th>dropped</th><th>blocked</th></tr></thead><tbody>");
            foreach (var channel in snapshot.Channels)
            {
                html.Append("<tr><td>").Append(Markup.Encode(channel.Name))
                    .Append("</td><td class=\"num\">").Append(Markup.Count(channel.Occupancy))
                    .Append("</td><td class=\"num\">").Append(Markup.Count(channel.MaxOccupancy))
                    .Append("</td><td class=\"num\">").Append(Markup.Count(channel.Capacity))
                    .Append("</td><td class=\"num\">").Append(Markup.Count(channel.Transferred))
                    .Append("</td><td class=\"num\">").Append(Markup.Count(channel.Dropped))
                    .Append("</td><td class=\"num\">").Append(Milliseconds(channel.BlockedTime))
                    .Append("</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        return html.Append("</div>").ToString();
    }

    /// <summary>The snapshot as plain text, one line per measuring point and channel.</summary>
    /// <param name="snapshot">The snapshot.</param>
    public static string PlainText(MetricsSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var text = new StringBuilder();
        foreach (var op in snapshot.Operators)
        {
            text.Append(CultureInfo.InvariantCulture, $"{op.Name}: records {op.Records}, {Markup.Rate(op.RecordsPerSecond)}/s, late {op.LateRecords}, watermark {Markup.Time(op.Watermark)}\n");
        }

        foreach (var channel in snapshot.Channels)
        {
            text.Append(CultureInfo.InvariantCulture, $"{channel.Name}: occupancy {channel.Occupancy}/{channel.Capacity} (max {channel.MaxOccupancy}), transferred {channel.Transferred}, dropped {channel.Dropped}\n");
        }

        return text.ToString();
    }

    private static string Milliseconds(TimeSpan time) =>
        time.TotalMilliseconds.ToString("#,0.#", CultureInfo.InvariantCulture) + " ms";
}
