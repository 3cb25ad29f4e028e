using System;
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
    /// (a DataFrame, a timeline, a graph).
    /// </summary>
    /// <param name="views">The views.</param>
    public static IHtmlContent Of(params object[] views)
    {
        ArgumentNullException.ThrowIfNull(views);
        var html = new StringBuilder("<div class=\"rxs\">").Append(Markup.Style).Append("<div class=\"side\">");
        foreach (var view in views)
        {
            html.Append("<div>").Append(view as string ?? view.ToDisplayString(HtmlFormatter.MimeType)).Append("</div>");
        }

        return new HtmlString(html.Append("</div></div>").ToString());
    }
}
