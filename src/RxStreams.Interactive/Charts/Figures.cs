using System;
using System.Collections.Generic;
using Plotly.NET;

namespace RxStreams.Interactive.Charts;

/// <summary>
/// The layout and trace styling the charts share, set on Plotly.NET's dynamic objects (its F# styling functions take
/// F# options, which C# cannot leave out).
/// </summary>
internal static class Figures
{
    /// <summary>Titles, axis titles, a legend, a fixed height (the width follows the output) and an optional dashed watermark line.</summary>
    public static GenericChart Layout(GenericChart chart, string title, string xTitle, string yTitle, IConvertible? watermark)
    {
        var layout = GenericChart.getLayout(chart);
        layout.SetProperty("title", new { text = title, font = new { size = 14 } });
        layout.SetProperty("xaxis", new { title = new { text = xTitle } });
        layout.SetProperty("yaxis", new { title = new { text = yTitle } });
        layout.SetProperty("height", 380);
        layout.SetProperty("width", null);   // Plotly.NET's default is 600: without it the chart takes the output's width
        layout.SetProperty("margin", new { t = 48, r = 16, b = 48, l = 64 });
        layout.SetProperty("legend", new { orientation = "h", y = -0.2 });
        if (watermark is not null)
        {
            layout.SetProperty("shapes", new object[]
            {
                new { type = "line", xref = "x", yref = "paper", x0 = watermark, x1 = watermark, y0 = 0, y1 = 1, line = new { color = "#1565c0", width = 1.5, dash = "dash" } },
            });
            layout.SetProperty("annotations", new object[]
            {
                new { xref = "x", yref = "paper", x = watermark, y = 1, text = "watermark", showarrow = false, xanchor = "left", yanchor = "bottom", font = new { color = "#1565c0", size = 11 } },
            });
        }

        return GenericChart.setLayout(layout, chart);
    }

    /// <summary>Draws a trace as markers of one colour and symbol.</summary>
    public static GenericChart Markers(GenericChart chart, string color, string symbol, int size) =>
        Style(chart, "marker", new { color, symbol, size, line = new { color, width = 2 } });

    /// <summary>Sets one property on every trace of a chart.</summary>
    public static GenericChart Style(GenericChart chart, string property, object value)
    {
        foreach (var trace in GenericChart.getTraces(chart))
        {
            trace.SetProperty(property, value);
        }

        return chart;
    }
}
