using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Plotly.NET;
using RxStreams.Interactive.Live;
using RxStreams.Interactive.Rendering;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace RxStreams.Interactive.Charts;

/// <summary>The Plotly.NET figure and text summary of a <see cref="LiveWatermarkChart"/>.</summary>
internal static class WatermarkChartFigure
{
    /// <summary>
    /// Two step lines over processing time (or arrivals): the highest record timestamp and the watermark, the lag
    /// between them shaded; late records as red crosses below the watermark.
    /// </summary>
    public static GenericChart Build(LiveWatermarkChart chart, string? title)
    {
        var points = chart.Points;
        var late = chart.LatePoints;
        var max = points.Where(p => p.MaxTimestamp != Watermark.MinValue).ToArray();
        var watermark = points.Where(p => p.Watermark != Watermark.MinValue && p.Watermark != Watermark.MaxValue).ToArray();
        var dates = ChartValue.AreDates(max.Select(p => p.MaxTimestamp).Concat(watermark.Select(p => p.Watermark)).Concat(late.Select(l => l.Timestamp)));
        var traces = new List<GenericChart>
        {
            Figures.Style(Figures.Style(
                CSharpChart.Line<double, IConvertible, string>(watermark.Select(p => p.X), watermark.Select(p => ChartValue.Axis(p.Watermark, dates)), Name: "watermark"),
                "line", new { color = "#1565c0", width = 2, shape = "hv" }), "fill", "none"),
            Figures.Style(Figures.Style(
                CSharpChart.Line<double, IConvertible, string>(max.Select(p => p.X), max.Select(p => ChartValue.Axis(p.MaxTimestamp, dates)), Name: "highest record timestamp (lag shaded)"),
                "line", new { color = "#555", width = 1.5, shape = "hv" }), "fill", "tonexty"),
        };
        if (late.Count > 0)
        {
            traces.Add(Figures.Markers(
                CSharpChart.Point<double, IConvertible, string>(late.Select(l => l.X), late.Select(l => ChartValue.Axis(l.Timestamp, dates)), Name: "late record"),
                "#c62828", "x", 8));
        }

        return Figures.Layout(
            CSharpChart.Combine(traces),
            title ?? "Watermark progress",
            chart.ByArrival ? "elements seen" : "processing time (s)",
            dates ? "event time (UTC)" : "event time (ms)",
            watermark: null);
    }

    /// <summary>One line: records, the highest timestamp, the watermark, the lag, late records and the state.</summary>
    public static string Summary(LiveWatermarkChart chart)
    {
        var text = Markup.Count(chart.Records) + (chart.Records == 1 ? " record" : " records") +
                   " · highest timestamp " + Markup.Time(chart.MaxTimestamp) + " · watermark " + Markup.Time(chart.Watermark);
        if (chart.Lag is { } lag)
        {
            text += " · lag " + lag.TotalSeconds.ToString("#,0.###", CultureInfo.InvariantCulture) + " s";
        }

        return text + " · " + Markup.Count(chart.Late) + (chart.Late == 1 ? " late record" : " late records") + " · " + LiveWindowHtml.State(chart);
    }
}
