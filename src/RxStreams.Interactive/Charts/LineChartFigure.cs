using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Plotly.NET;
using RxStreams.Interactive.Live;
using RxStreams.Interactive.Rendering;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace RxStreams.Interactive.Charts;

/// <summary>The Plotly.NET figure and text summary of a <see cref="LiveLineChart"/>.</summary>
internal static class LineChartFigure
{
    /// <summary>One line per key over event time, late-updated points ringed in red, and the watermark as a dashed line.</summary>
    public static GenericChart Build(LiveLineChart chart, string? title)
    {
        var series = chart.Series;
        var watermark = chart.Watermark;
        var dates = ChartValue.AreDates(series.SelectMany(s => s.Points).Select(p => p.Time)
            .Concat(Markup.IsCalendarTime(watermark) ? [watermark] : []));
        var traces = new List<GenericChart>();
        foreach (var line in series)
        {
            traces.Add(CSharpChart.Line<IConvertible, double, string>(
                line.Points.Select(p => ChartValue.Axis(p.Time, dates)), line.Points.Select(p => p.Value), Name: line.Key, ShowMarkers: true));
        }

        var late = series.SelectMany(s => s.Points.Where(p => p.Late).Select(p => (s.Key, Point: p))).OrderBy(l => l.Point.Time).ToArray();
        if (late.Length > 0)
        {
            var points = CSharpChart.Point<IConvertible, double, string>(
                late.Select(l => ChartValue.Axis(l.Point.Time, dates)), late.Select(l => l.Point.Value), Name: "late update");
            traces.Add(Figures.Style(Figures.Markers(points, "#c62828", "circle-open", 12), "text", late.Select(l => l.Key).ToArray()));
        }

        if (traces.Count == 0)
        {
            traces.Add(CSharpChart.Line<IConvertible, double, string>(Array.Empty<IConvertible>(), Array.Empty<double>(), Name: "no results yet"));
        }

        var x = chart.OfWindows ? "window end" : "event time";
        return Figures.Layout(
            CSharpChart.Combine(traces),
            title ?? (chart.OfWindows ? "Window results per key" : "Results per key"),
            dates ? x + " (UTC)" : x + " (ms)",
            "value",
            Markup.IsCalendarTime(watermark) || (watermark != RxStreams.Watermark.MinValue && watermark != RxStreams.Watermark.MaxValue)
                ? ChartValue.Axis(watermark, dates)
                : null);
    }

    /// <summary>One line: keys, points, watermark and state.</summary>
    public static string Summary(LiveLineChart chart)
    {
        var series = chart.Series;
        var points = series.Sum(s => s.Points.Count);
        return Markup.Count(series.Count) + (series.Count == 1 ? " key, " : " keys, ") + Markup.Count(points) + (points == 1 ? " point" : " points") + " · " + Status(chart);
    }

    /// <summary>The summary, then each key's latest point.</summary>
    public static string Text(LiveLineChart chart)
    {
        var text = new StringBuilder("line chart: ").Append(Summary(chart)).Append('\n');
        foreach (var line in chart.Series)
        {
            var last = line.Points[^1];
            text.Append(line.Key).Append(": ").Append(Markup.Count(line.Points.Count)).Append(line.Points.Count == 1 ? " point" : " points")
                .Append(", last ").Append(Markup.Text(last.Value)).Append(" at ").Append(Markup.Time(last.Time)).Append('\n');
        }

        return text.ToString();
    }

    private static string Status(LiveLineChart chart) =>
        "watermark " + Markup.Time(chart.Watermark) + (chart.NotCharted > 0 ? " · " + Markup.Count(chart.NotCharted) + " results not charted" : string.Empty) +
        " · " + LiveWindowHtml.State(chart);
}
