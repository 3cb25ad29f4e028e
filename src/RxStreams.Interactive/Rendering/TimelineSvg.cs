using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using RxStreams.Interactive.Timeline;

namespace RxStreams.Interactive.Rendering;

/// <summary>
/// Draws an <see cref="EventTimeline"/> as SVG: event time runs across, arrival order runs down. Records are dots (red
/// when late), the watermark is a blue step line that only moves right, and each window firing is a bar spanning its
/// window <c>[start, end)</c> at the moment it fired (green on time, amber early, red late).
/// </summary>
public static class TimelineSvg
{
    private const double Width = 760;
    private const double Left = 60;
    private const double Right = 150;
    private const double Top = 34;
    private const double Bottom = 40;
    private const double RowHeight = 7;

    /// <summary>The timeline as an SVG element inside a titled block.</summary>
    /// <param name="timeline">The timeline.</param>
    public static string Render(EventTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var records = timeline.Records;
        var watermarks = timeline.Watermarks.Where(w => w.Watermark != Watermark.MaxValue).ToArray();
        var firings = timeline.Firings.Where(f => !f.Window.IsGlobal).ToArray();
        var times = records.Select(r => r.Timestamp)
            .Concat(watermarks.Select(w => w.Watermark))
            .Concat(firings.SelectMany(f => new[] { f.Window.Start, f.Window.End }))
            .ToArray();
        var rows = Math.Max(1, records.Count + timeline.Watermarks.Count + timeline.Firings.Count);
        var plotHeight = Math.Clamp(rows * RowHeight, 120, 640);
        var height = Top + plotHeight + Bottom;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"rxs-timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{Markup.Svg(Width)}\" height=\"{Markup.Svg(height)}\" viewBox=\"0 0 {Markup.Svg(Width)} {Markup.Svg(height)}\" font-family=\"system-ui,sans-serif\" font-size=\"11\">");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Markup.Svg(Left)}\" y=\"16\" font-size=\"13\" fill=\"#222\">{Markup.Encode(timeline.Title)}</text>");
        if (times.Length == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Markup.Svg(Left)}\" y=\"{Markup.Svg(Top + 20)}\" fill=\"#666\">nothing recorded yet</text>");
            return svg.Append("</svg>").ToString();
        }

        var min = times.Min();
        var max = times.Max();
        if (max == min)
        {
            max = min + 1;
        }

        var plotWidth = Width - Left - Right;
        double X(long t) => Left + (t - (double)min) / (max - min) * plotWidth;
        double Y(long sequence) => Top + (sequence + 0.5) / rows * plotHeight;

        // Axis and ticks.
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Markup.Svg(Left)}\" y=\"{Markup.Svg(Top)}\" width=\"{Markup.Svg(plotWidth)}\" height=\"{Markup.Svg(plotHeight)}\" fill=\"#fcfcfc\" stroke=\"#ccc\"/>");
        foreach (var tick in Ticks(min, max))
        {
            var x = X(tick);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Markup.Svg(x)}\" y1=\"{Markup.Svg(Top)}\" x2=\"{Markup.Svg(x)}\" y2=\"{Markup.Svg(Top + plotHeight)}\" stroke=\"#eee\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Markup.Svg(x)}\" y=\"{Markup.Svg(Top + plotHeight + 14)}\" text-anchor=\"middle\" fill=\"#555\">{Markup.Encode(Markup.Time(tick))}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Markup.Svg(Left + plotWidth / 2)}\" y=\"{Markup.Svg(Top + plotHeight + 30)}\" text-anchor=\"middle\" fill=\"#333\">event time</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text transform=\"translate(14 {Markup.Svg(Top + plotHeight / 2)}) rotate(-90)\" text-anchor=\"middle\" fill=\"#333\">arrival order ↓</text>");

        // Window firings: bars over their windows.
        foreach (var firing in firings)
        {
            var color = firing.Firing switch { WindowFiring.Early => "#d4a017", WindowFiring.Late => "#c62828", _ => "#2e7d32" };
            var y = Y(firing.Sequence);
            var x1 = X(firing.Window.Start);
            var x2 = X(firing.Window.End);
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"firing\" data-firing=\"{firing.Firing}\"><rect x=\"{Markup.Svg(x1)}\" y=\"{Markup.Svg(y - 2.5)}\" width=\"{Markup.Svg(Math.Max(1, x2 - x1))}\" height=\"5\" fill=\"{color}\" fill-opacity=\"0.55\"><title>{Markup.Encode(firing.Label + " " + Markup.Window(firing.Window) + " " + firing.Firing)}</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Markup.Svg(x2 + 3)}\" y=\"{Markup.Svg(y + 3.5)}\" fill=\"{color}\" font-size=\"10\">{Markup.Encode(firing.Label)}</text></g>");
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

            path.Append(CultureInfo.InvariantCulture, $" V {Markup.Svg(Top + plotHeight)}");
            svg.Append(CultureInfo.InvariantCulture, $"<path class=\"watermark\" d=\"{path}\" fill=\"none\" stroke=\"#1565c0\" stroke-width=\"1.5\"/>");
        }

        // Records.
        foreach (var record in records)
        {
            var color = record.Late ? "#c62828" : "#444";
            svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"{(record.Late ? "record late" : "record")}\" cx=\"{Markup.Svg(X(record.Timestamp))}\" cy=\"{Markup.Svg(Y(record.Sequence))}\" r=\"{(record.Late ? "3.5" : "2.5")}\" fill=\"{color}\"><title>{Markup.Encode(record.Label + " @ " + Markup.Time(record.Timestamp) + (record.Late ? " (late)" : string.Empty))}</title></circle>");
        }

        // Legend.
        var lx = Width - Right + 12;
        svg.Append(CultureInfo.InvariantCulture, $"<g class=\"legend\"><circle cx=\"{Markup.Svg(lx)}\" cy=\"{Markup.Svg(Top + 6)}\" r=\"2.5\" fill=\"#444\"/><text x=\"{Markup.Svg(lx + 8)}\" y=\"{Markup.Svg(Top + 10)}\">record</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{Markup.Svg(lx)}\" cy=\"{Markup.Svg(Top + 22)}\" r=\"3.5\" fill=\"#c62828\"/><text x=\"{Markup.Svg(lx + 8)}\" y=\"{Markup.Svg(Top + 26)}\">late record</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Markup.Svg(lx - 5)}\" y1=\"{Markup.Svg(Top + 38)}\" x2=\"{Markup.Svg(lx + 5)}\" y2=\"{Markup.Svg(Top + 38)}\" stroke=\"#1565c0\" stroke-width=\"1.5\"/><text x=\"{Markup.Svg(lx + 8)}\" y=\"{Markup.Svg(Top + 42)}\">watermark</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Markup.Svg(lx - 5)}\" y=\"{Markup.Svg(Top + 51)}\" width=\"10\" height=\"5\" fill=\"#2e7d32\" fill-opacity=\"0.55\"/><text x=\"{Markup.Svg(lx + 8)}\" y=\"{Markup.Svg(Top + 58)}\">window fired</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Markup.Svg(lx - 5)}\" y=\"{Markup.Svg(Top + 67)}\" width=\"10\" height=\"5\" fill=\"#c62828\" fill-opacity=\"0.55\"/><text x=\"{Markup.Svg(lx + 8)}\" y=\"{Markup.Svg(Top + 74)}\">late update</text></g>");
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Evenly spaced round tick values between <paramref name="min"/> and <paramref name="max"/>.</summary>
    /// <param name="min">The smallest time shown.</param>
    /// <param name="max">The largest time shown.</param>
    internal static IEnumerable<long> Ticks(long min, long max)
    {
        var span = (double)(max - min);
        var raw = span / 6;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(raw, 1))));
        var step = (long)(new[] { 1.0, 2, 2.5, 5, 10 }.First(m => m * magnitude >= raw) * magnitude);
        step = Math.Max(step, 1);
        var first = (long)Math.Ceiling(min / (double)step) * step;
        for (var t = first; t <= max; t += step)
        {
            yield return t;
        }
    }
}
