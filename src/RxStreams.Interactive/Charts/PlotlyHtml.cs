using System;
using System.Threading;
using Plotly.NET;
using RxStreams.Interactive.Rendering;

namespace RxStreams.Interactive.Charts;

/// <summary>
/// Turns a Plotly.NET chart into notebook HTML that renders offline: a <c>div</c>, the figure as JSON in a
/// <c>script type="application/json"</c> element, and a small script that draws it with the plotly.js that
/// <see cref="PlotlyJs"/> puts into the page, under an optional status line.
/// </summary>
public static class PlotlyHtml
{
    private static long _ids;

    /// <summary>The chart as HTML, with plotly.js itself in front when this is the first chart of the kernel session.</summary>
    /// <param name="chart">The chart.</param>
    /// <param name="summary">A status line above the chart (what it shows, in one line), or null.</param>
    public static string Render(GenericChart chart, string? summary = null) =>
        (PlotlyJs.TakeFirstLoad() ? PlotlyJs.ScriptHtml() : string.Empty) + Figure(chart, summary);

    /// <summary>The chart as HTML without the plotly.js loader.</summary>
    /// <param name="chart">The chart.</param>
    /// <param name="summary">What the chart shows in one line, or null.</param>
    internal static string Figure(GenericChart chart, string? summary)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var id = "rxs-chart-" + Interlocked.Increment(ref _ids).ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        // "</" inside a JSON string would end the script element; "<\/" is the same JSON text.
        var figure = GenericChart.toFigureJson(chart).Replace("</", "<\\/", StringComparison.Ordinal);
        return "<div class=\"rxs rxs-chart\">" + Markup.Style +
               (summary is null ? string.Empty : "<div class=\"status\">" + Markup.Encode(summary) + "</div>") +
               "<div id=\"" + id + "\" class=\"rxs-plot\" style=\"width:100%;max-width:960px;min-height:40px\">(the chart needs JavaScript)</div>" +
               "<script type=\"application/json\" class=\"rxs-figure\" id=\"" + id + "-figure\">" + figure + "</script>" +
               "<script type=\"text/javascript\">(function(){var id='" + id + "',tries=0;function draw(){var el=document.getElementById(id);if(!el)return;" +
               "if(window.Plotly){var fig=JSON.parse(document.getElementById(id+'-figure').textContent);el.textContent='';el.style.minHeight='';" +
               "window.Plotly.react(el,fig.data,fig.layout,{responsive:true,displaylogo:false});}else if(++tries<300){setTimeout(draw,100);}}draw();})();</script></div>";
    }
}
