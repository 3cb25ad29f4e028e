using System;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Html;
using Microsoft.DotNet.Interactive.Formatting;

namespace RxStreams.Interactive.Rendering;

/// <summary>Puts several views next to each other, for comparing the same data under different settings.</summary>
public static class SideBySide
{
    /// <summary>
    /// The views in one row (wrapping on narrow screens). A string is taken as HTML (for example from
    /// <see cref="WindowResultsHtml.Table{TKey, TValue}"/>); any other value is formatted as the kernel would show it
    /// (a DataFrame, a graph). Timelines are drawn narrower the more there are (<see cref="TimelineWidth"/>) and shrink
    /// with the row, so three fit side by side in a notebook and wrap only on a narrow screen.
    /// </summary>
    /// <param name="views">The views.</param>
    public static IHtmlContent Of(params object[] views)
    {
        ArgumentNullException.ThrowIfNull(views);
        var html = new StringBuilder("<div class=\"rxs\">").Append(Markup.Style).Append("<div class=\"side\">");
        var timelineWidth = TimelineWidth(views.Length);
        foreach (var view in views)
        {
            if (view is Timeline.EventTimeline timeline)
            {
                html.Append(CultureInfo.InvariantCulture, $"<div style=\"flex:1 1 {MinTimelineWidth}px;max-width:{timelineWidth}px\">")
                    .Append(TimelineSvg.Render(timeline, timelineWidth)).Append("</div>");
                continue;
            }

            html.Append("<div>").Append(view as string ?? view.ToDisplayString(HtmlFormatter.MimeType)).Append("</div>");
        }

        return new HtmlString(html.Append("</div></div>").ToString());
    }

    /// <summary>The least width a timeline shrinks to in a row before the row wraps.</summary>
    public const int MinTimelineWidth = 300;

    /// <summary>The drawing width of each of <paramref name="count"/> timelines in one row: 760 alone, 540 for two, 380 for three or more.</summary>
    /// <param name="count">How many views share the row.</param>
    public static int TimelineWidth(int count) => count switch { <= 1 => 760, 2 => 540, _ => 380 };
}
