using System;
using System.Globalization;
using System.Linq;
using Plotly.NET;
using RxStreams.Interactive.Rendering;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace RxStreams.Interactive.Charts;

/// <summary>The Plotly.NET figure and text summary of a <see cref="LiveThroughputChart"/>.</summary>
internal static class ThroughputChartFigure
{
    /// <summary>Records per second over processing time, each interval at its end; late records per second under it.</summary>
    public static GenericChart Build(LiveThroughputChart chart, string? title)
    {
        var points = chart.Points;
        var perSecond = 1 / chart.Interval.TotalSeconds;
        var traces = new[]
        {
            Figures.Style(
                CSharpChart.Line<double, double, string>(points.Select(p => p.End), points.Select(p => p.Records * perSecond), Name: "records/s", ShowMarkers: true),
                "line", new { color = "#1565c0", width = 2 }),
            Figures.Style(
                CSharpChart.Line<double, double, string>(points.Select(p => p.End), points.Select(p => p.Late * perSecond), Name: "late records/s"),
                "line", new { color = "#c62828", width = 1.5 }),
        };
        return Figures.Layout(CSharpChart.Combine(traces), title ?? "Throughput", "processing time (s)", "records per second", watermark: null);
    }

    /// <summary>One line: records, the latest and the highest rate, late records and the state.</summary>
    public static string Summary(LiveThroughputChart chart)
    {
        var points = chart.Points;
        var perSecond = 1 / chart.Interval.TotalSeconds;
        var text = Markup.Count(chart.Records) + (chart.Records == 1 ? " record" : " records");
        if (points.Count > 0)
        {
            text += " · latest " + Rate(points[^1].Records * perSecond) + " records/s · peak " + Rate(points.Max(p => p.Records) * perSecond) + " records/s";
        }

        return text + " · per " + chart.Interval.TotalSeconds.ToString("#,0.###", CultureInfo.InvariantCulture) + " s · " +
               Markup.Count(chart.Late) + (chart.Late == 1 ? " late record" : " late records") + " · " + LiveWindowHtml.State(chart);
    }

    private static string Rate(double rate) => rate.ToString("#,0.##", CultureInfo.InvariantCulture);
}
