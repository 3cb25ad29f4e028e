using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using RxStreams.Interactive.Timeline;

namespace RxStreams.Interactive.Rendering;

/// <summary>
/// Draws an <see cref="EventTimeline"/> as SVG: event time runs across, arrival order runs down. Records are dots in
/// their key's colour (ringed red when late), the watermark is a blue step line that only moves right, and each window
/// firing is a bar in its key's colour spanning its window <c>[start, end)</c> at the moment it fired (outlined amber
/// when early, red when late). The results are labelled in a column right of the plot, pushed apart so that labels of
/// windows firing together never overlap and the watermark line never crosses them. The legend lists only what occurs.
/// The SVG scales down to the width of its container.
/// </summary>
public static class TimelineSvg
{
    /// <summary>The width of a timeline shown on its own.</summary>
    public const double DefaultWidth = 760;

    /// <summary>The least vertical distance between two result labels.</summary>
    public const double LabelSpacing = 12;

    private const double Top = 34;
    private const double AxisSpace = 40;
    private const double RowHeight = 7;
    private const double LegendRow = 16;
    private const string LateColor = "#c62828";
    private const string EarlyColor = "#d4a017";
    private const string WatermarkColor = "#1565c0";
    private const string NoKeyColor = "#444";

    // Distinct from the red of lateness and the blue of the watermark.
    private static readonly string[] Palette = ["#2e7d32", "#8e24aa", "#ef6c00", "#00838f", "#6d4c41", "#d81b60", "#7cb342", "#3949ab"];

    /// <summary>The timeline as an SVG element, <see cref="DefaultWidth"/> wide at most.</summary>
    /// <param name="timeline">The timeline.</param>
    public static string Render(EventTimeline timeline) => Render(timeline, DefaultWidth);

    /// <summary>The timeline as a cell output or page section: the SVG in an <c>rxs</c> block.</summary>
    /// <param name="timeline">The timeline.</param>
    public static string RenderHtml(EventTimeline timeline) => "<div class=\"rxs\">" + Render(timeline) + "</div>";

    /// <summary>The timeline as an SVG element, <paramref name="width"/> wide at most (narrower in a narrower container).</summary>
    /// <param name="timeline">The timeline.</param>
    /// <param name="width">The drawing's width in pixels, 320 or more.</param>
    public static string Render(EventTimeline timeline, double width)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        width = Math.Max(width, 320);
        var left = width >= 600 ? 60 : 44;
        var labelColumn = width >= 600 ? 150 : 112;
        var records = timeline.Records;
        var watermarks = timeline.Watermarks.Where(w => w.Watermark != Watermark.MaxValue).ToArray();
        var firings = timeline.Firings.Where(f => !f.Window.IsGlobal).ToArray();
        var keys = records.Select(r => r.Key).Concat(firings.Select(f => f.Key)).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        string Color(string? key) => key is null ? NoKeyColor : Palette[Array.IndexOf(keys, key) % Palette.Length];

        var times = records.Select(r => r.Timestamp)
            .Concat(watermarks.Select(w => w.Watermark))
            .Concat(firings.SelectMany(f => new[] { f.Window.Start, f.Window.End }))
            .ToArray();
        var rows = Math.Max(1, records.Count + timeline.Watermarks.Count + timeline.Firings.Count);
        var plotHeight = Math.Clamp(rows * RowHeight, 120, 640);
        var plotWidth = width - left - labelColumn;
        double Y(long sequence) => Top + (sequence + 0.5) / rows * plotHeight;
        var labelYs = LabelPositions(firings.Select(f => Y(f.Sequence)).ToArray());
        var plotBottom = Math.Max(Top + plotHeight, labelYs.Length > 0 ? labelYs[^1] + 4 : 0);
        var legend = Legend(records, watermarks, firings, keys, Color);
        var legendRows = LegendRows(legend, width - left);
        var height = plotBottom + AxisSpace + legendRows.Count * LegendRow;

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"rxs-timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{Markup.Svg(width)}\" height=\"{Markup.Svg(height)}\" viewBox=\"0 0 {Markup.Svg(width)} {Markup.Svg(height)}\" style=\"max-width:100%;height:auto\" font-family=\"system-ui,sans-serif\" font-size=\"11\">");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Markup.Svg(left)}\" y=\"16\" font-size=\"13\" fill=\"#222\">{Markup.Encode(timeline.Title)}</text>");
        if (times.Length == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Markup.Svg(left)}\" y=\"{Markup.Svg(Top + 20)}\" fill=\"#666\">nothing recorded yet</text>");
            return svg.Append("</svg>").ToString();
        }

        var min = times.Min();
        var max = times.Max();
        if (max == min)
        {
            max = min + 1;
        }

        double X(long t) => left + (t - (double)min) / (max - min) * plotWidth;

        // Axis and ticks; calendar times show the time of day, with the date once in the axis title.
        var calendar = Markup.IsCalendarTime(min) && Markup.IsCalendarTime(max);
        var axisY = plotBottom;
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Markup.Svg(left)}\" y=\"{Markup.Svg(Top)}\" width=\"{Markup.Svg(plotWidth)}\" height=\"{Markup.Svg(axisY - Top)}\" fill=\"#fcfcfc\" stroke=\"#ccc\"/>");
        foreach (var tick in Ticks(min, max, plotWidth >= 400 ? 6 : 3))
        {
            var x = X(tick);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Markup.Svg(x)}\" y1=\"{Markup.Svg(Top)}\" x2=\"{Markup.Svg(x)}\" y2=\"{Markup.Svg(axisY)}\" stroke=\"#eee\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Markup.Svg(x)}\" y=\"{Markup.Svg(axisY + 14)}\" text-anchor=\"middle\" fill=\"#555\">{Markup.Encode(calendar ? Markup.Clock(tick) : Markup.Time(tick))}</text>");
        }

        var axisTitle = calendar ? "event time (UTC, " + Markup.Day(min) + (Markup.Day(max) == Markup.Day(min) ? string.Empty : " to " + Markup.Day(max)) + ")" : "event time (ms)";
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Markup.Svg(left + plotWidth / 2)}\" y=\"{Markup.Svg(axisY + 30)}\" text-anchor=\"middle\" fill=\"#333\">{Markup.Encode(axisTitle)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text transform=\"translate(14 {Markup.Svg(Top + plotHeight / 2)}) rotate(-90)\" text-anchor=\"middle\" fill=\"#333\">arrival order ↓</text>");

        // Window firings: bars over their windows, labelled in the column right of the plot.
        var labelX = left + plotWidth + 8;
        for (var i = 0; i < firings.Length; i++)
        {
            var firing = firings[i];
            var color = firing.Key is null ? Palette[0] : Color(firing.Key);
            var outline = firing.Firing switch { WindowFiring.Early => $" stroke=\"{EarlyColor}\" stroke-width=\"1.5\"", WindowFiring.Late => $" stroke=\"{LateColor}\" stroke-width=\"1.5\"", _ => string.Empty };
            var y = Y(firing.Sequence);
            var x1 = X(firing.Window.Start);
            var x2 = X(firing.Window.End);
            var kind = firing.Firing switch { WindowFiring.Early => " (early)", WindowFiring.Late => " (late)", _ => string.Empty };
            var textColor = firing.Firing == WindowFiring.Late ? LateColor : color;
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"firing\" data-firing=\"{firing.Firing}\"><rect x=\"{Markup.Svg(x1)}\" y=\"{Markup.Svg(y - 2.5)}\" width=\"{Markup.Svg(Math.Max(1, x2 - x1))}\" height=\"5\" fill=\"{color}\" fill-opacity=\"0.55\"{outline}><title>{Markup.Encode(firing.Label + " " + Markup.Window(firing.Window) + kind)}</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{Markup.Svg(x2)},{Markup.Svg(y)} {Markup.Svg(labelX - 4)},{Markup.Svg(labelYs[i] - 3.5)}\" fill=\"none\" stroke=\"#ccc\" stroke-dasharray=\"2 2\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"label\" x=\"{Markup.Svg(labelX)}\" y=\"{Markup.Svg(labelYs[i])}\" fill=\"{textColor}\" font-size=\"10\">{Markup.Encode(firing.Label + kind)}</text></g>");
        }

        // The watermark as a step line.
        if (watermarks.Length > 0)
        {
            var path = new StringBuilder();
            path.Append(CultureInfo.InvariantCulture, $"M {Markup.Svg(X(watermarks[0].Watermark))} {Markup.Svg(Y(watermarks[0].Sequence))}");
            for (var i = 1; i < watermarks.Length; i++)
            {
                path.Append(CultureInfo.InvariantCulture, $" V {Markup.Svg(Y(watermarks[i].Sequence))} H {Markup.Svg(X(watermarks[i].Watermark))}");
            }

            path.Append(CultureInfo.InvariantCulture, $" V {Markup.Svg(axisY)}");
            svg.Append(CultureInfo.InvariantCulture, $"<path class=\"watermark\" d=\"{path}\" fill=\"none\" stroke=\"{WatermarkColor}\" stroke-width=\"1.5\"/>");
        }

        // Records.
        foreach (var record in records)
        {
            var ring = record.Late ? $" stroke=\"{LateColor}\" stroke-width=\"2\"" : string.Empty;
            var title = (record.Key is null ? string.Empty : record.Key + ": ") + record.Label + " @ " + Markup.Time(record.Timestamp) + (record.Late ? " (late)" : string.Empty);
            svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"{(record.Late ? "record late" : "record")}\" cx=\"{Markup.Svg(X(record.Timestamp))}\" cy=\"{Markup.Svg(Y(record.Sequence))}\" r=\"{(record.Late ? "3.5" : "2.5")}\" fill=\"{Color(record.Key)}\"{ring}><title>{Markup.Encode(title)}</title></circle>");
        }

        // Legend: what occurs, in rows under the axis.
        svg.Append("<g class=\"legend\">");
        var ly = axisY + AxisSpace + 4;
        foreach (var row in legendRows)
        {
            var lx = (double)left;
            foreach (var entry in row)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<g class=\"entry\" data-entry=\"{Markup.Encode(entry.Name)}\">{entry.Swatch(lx + 5, ly)}<text x=\"{Markup.Svg(lx + 14)}\" y=\"{Markup.Svg(ly + 4)}\">{Markup.Encode(entry.Name)}</text></g>");
                lx += entry.Width;
            }

            ly += LegendRow;
        }

        return svg.Append("</g></svg>").ToString();
    }

    /// <summary>
    /// Label positions for bars at <paramref name="ys"/> (in arrival order, so ascending): each label at its bar's height,
    /// pushed down to keep <see cref="LabelSpacing"/> from the one above.
    /// </summary>
    /// <param name="ys">The bars' vertical positions.</param>
    internal static double[] LabelPositions(IReadOnlyList<double> ys)
    {
        var positions = new double[ys.Count];
        for (var i = 0; i < ys.Count; i++)
        {
            var y = ys[i] + 3.5;
            positions[i] = i == 0 ? y : Math.Max(y, positions[i - 1] + LabelSpacing);
        }

        return positions;
    }

    /// <summary>Evenly spaced round tick values between <paramref name="min"/> and <paramref name="max"/>.</summary>
    /// <param name="min">The smallest time shown.</param>
    /// <param name="max">The largest time shown.</param>
    /// <param name="count">About how many ticks.</param>
    internal static IEnumerable<long> Ticks(long min, long max, int count = 6)
    {
        var span = (double)(max - min);
        var raw = span / count;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(raw, 1))));
        var step = (long)(new[] { 1.0, 2, 2.5, 5, 10 }.First(m => m * magnitude >= raw) * magnitude);
        step = Math.Max(step, 1);
        var first = (long)Math.Ceiling(min / (double)step) * step;
        for (var t = first; t <= max; t += step)
        {
            yield return t;
        }
    }

    private sealed record LegendEntry(string Name, Func<double, double, string> Swatch)
    {
        public double Width => 26 + Name.Length * 6.2;
    }

    private static List<LegendEntry> Legend(
        IReadOnlyList<TimelineRecord> records, TimelineWatermark[] watermarks, TimelineFiring[] firings, string[] keys, Func<string?, string> color)
    {
        var entries = new List<LegendEntry>();
        foreach (var key in keys)
        {
            var c = color(key);
            entries.Add(new LegendEntry(key, (x, y) => $"<circle cx=\"{Markup.Svg(x)}\" cy=\"{Markup.Svg(y)}\" r=\"3.5\" fill=\"{c}\"/>"));
        }

        if (records.Any(r => r.Key is null && !r.Late))
        {
            entries.Add(new LegendEntry("record", (x, y) => $"<circle cx=\"{Markup.Svg(x)}\" cy=\"{Markup.Svg(y)}\" r=\"2.5\" fill=\"{NoKeyColor}\"/>"));
        }

        if (records.Any(r => r.Late))
        {
            entries.Add(new LegendEntry("late record", (x, y) => $"<circle cx=\"{Markup.Svg(x)}\" cy=\"{Markup.Svg(y)}\" r=\"3.5\" fill=\"#fff\" stroke=\"{LateColor}\" stroke-width=\"2\"/>"));
        }

        if (watermarks.Length > 0)
        {
            entries.Add(new LegendEntry("watermark", (x, y) => $"<line x1=\"{Markup.Svg(x - 5)}\" y1=\"{Markup.Svg(y)}\" x2=\"{Markup.Svg(x + 5)}\" y2=\"{Markup.Svg(y)}\" stroke=\"{WatermarkColor}\" stroke-width=\"1.5\"/>"));
        }

        void Bar(WindowFiring kind, string name, string stroke)
        {
            if (firings.Any(f => f.Firing == kind))
            {
                entries.Add(new LegendEntry(name, (x, y) => $"<rect x=\"{Markup.Svg(x - 5)}\" y=\"{Markup.Svg(y - 2.5)}\" width=\"10\" height=\"5\" fill=\"#999\" fill-opacity=\"0.55\"{stroke}/>"));
            }
        }

        Bar(WindowFiring.OnTime, "window fired", string.Empty);
        Bar(WindowFiring.Early, "early firing", $" stroke=\"{EarlyColor}\" stroke-width=\"1.5\"");
        Bar(WindowFiring.Late, "late update", $" stroke=\"{LateColor}\" stroke-width=\"1.5\"");
        return entries;
    }

    private static List<List<LegendEntry>> LegendRows(List<LegendEntry> entries, double width)
    {
        var rows = new List<List<LegendEntry>>();
        var used = double.MaxValue;
        foreach (var entry in entries)
        {
            if (used + entry.Width > width)
            {
                rows.Add([]);
                used = 0;
            }

            rows[^1].Add(entry);
            used += entry.Width;
        }

        return rows;
    }
}
