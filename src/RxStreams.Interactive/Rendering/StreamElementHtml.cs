using System.Collections.Generic;
using System.Text;

namespace RxStreams.Interactive.Rendering;

/// <summary>HTML for stream elements: a record as <c>value@time</c>, a watermark as a badge.</summary>
public static class StreamElementHtml
{
    /// <summary>One element.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="element">The element.</param>
    public static string Element<T>(StreamElement<T> element) => Badge(element);

    /// <summary>A sequence of elements in arrival order, as one line of badges.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="elements">The elements.</param>
    public static string Sequence<T>(IEnumerable<StreamElement<T>> elements)
    {
        var html = new StringBuilder("<div class=\"rxs rxs-elements\">");
        foreach (var element in elements)
        {
            html.Append(Badge(element)).Append(' ');
        }

        return html.Append("</div>").ToString();
    }

    /// <summary>A watermark value as a badge.</summary>
    /// <param name="watermark">The watermark, milliseconds since the Unix epoch.</param>
    public static string Watermark(long watermark) =>
        "<span class=\"rxs-wm\" style=\"" + WatermarkStyle + "\" title=\"watermark: no record below this time is expected\">W " + Markup.Encode(Markup.Time(watermark)) + "</span>";

    private const string WatermarkStyle = "display:inline-block;padding:0 6px;border-radius:8px;background:#e3ecfa;color:#1a4b8c";
    private const string RecordStyle = "display:inline-block;padding:0 6px;border-radius:8px;background:#eee";

    private static string Badge<T>(StreamElement<T> element) => element.Kind switch
    {
        ElementKind.Record => "<span class=\"rxs-rec\" style=\"" + RecordStyle + "\">" + Markup.Encode(Markup.Text(element.Value)) + " @ " + Markup.Encode(Markup.Time(element.Timestamp)) + "</span>",
        ElementKind.Watermark => Watermark(element.Timestamp),
        _ => "<span class=\"rxs-rec\" style=\"" + RecordStyle + "\">" + Markup.Encode(element.ToString()) + "</span>",
    };
}
