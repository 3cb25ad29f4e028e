using System.Collections.Generic;
using System.Text;

namespace RxStreams.Interactive.Rendering;

/// <summary>HTML tables of window results: key, window, value, firing.</summary>
public static class WindowResultsHtml
{
    /// <summary>One window result on one line: <c>key [start, end) = value</c>, with its firing when not on time.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The result type.</typeparam>
    /// <param name="result">The result.</param>
    public static string Result<TKey, TValue>(WindowResult<TKey, TValue> result)
    {
        var color = result.Firing switch { WindowFiring.Early => "#8a6d00", WindowFiring.Late => "#b00020", _ => "inherit" };
        var firing = result.Firing == WindowFiring.OnTime && result.FiringIndex == 0 ? string.Empty : " (" + Firing(result.Firing, result.FiringIndex) + ")";
        var key = PlainText.IsKeyless<TKey>() ? string.Empty : Markup.Encode(Markup.Text(result.Key)) + " ";
        return "<span class=\"rxs-result\" style=\"color:" + color + "\">" + key +
               Markup.Encode(Markup.Window(result.Window)) + " = <b>" + Markup.Encode(Markup.Text(result.Value)) + "</b>" + Markup.Encode(firing) + "</span>";
    }

    /// <summary>Window results in the given order, one row each; without a key column for the results of <c>WindowAll</c>.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The result type.</typeparam>
    /// <param name="results">The results.</param>
    /// <param name="title">A caption above the table, or null.</param>
    public static string Table<TKey, TValue>(IEnumerable<WindowResult<TKey, TValue>> results, string? title = null)
    {
        var html = new StringBuilder("<div class=\"rxs\">").Append(Markup.Style);
        if (title is not null)
        {
            html.Append("<div class=\"title\"><b>").Append(Markup.Encode(title)).Append("</b></div>");
        }

        var keyless = PlainText.IsKeyless<TKey>();
        html.Append(Header(keyless));
        foreach (var result in results)
        {
            html.Append(Row(keyless ? null : Markup.Text(result.Key), result.Window, result.Value, result.Firing, result.FiringIndex, fresh: false));
        }

        return html.Append("</tbody></table></div>").ToString();
    }

    /// <summary>The table's opening and header row: key (unless <paramref name="keyless"/>), window, value, firing.</summary>
    /// <param name="keyless">True to leave the key column out.</param>
    internal static string Header(bool keyless) =>
        "<table class=\"rxs-windows\"><thead><tr>" + (keyless ? string.Empty : "<th>key</th>") + "<th>window</th><th>value</th><th>firing</th></tr></thead><tbody>";

    /// <summary>One table row; <paramref name="fresh"/> highlights a row changed by the last update of a live view.</summary>
    /// <param name="key">The key as text, or null for no key cell.</param>
    /// <param name="window">The window.</param>
    /// <param name="value">The window function's result.</param>
    /// <param name="firing">The firing kind.</param>
    /// <param name="firingIndex">The firing index.</param>
    /// <param name="fresh">True to highlight.</param>
    internal static string Row(string? key, TimeWindow window, object? value, WindowFiring firing, int firingIndex, bool fresh)
    {
        var classes = (firing switch { WindowFiring.Early => "early", WindowFiring.Late => "late", _ => "ontime" }) + (fresh ? " fresh" : string.Empty);
        return "<tr class=\"" + classes + "\">" + (key is null ? string.Empty : "<td>" + Markup.Encode(key) + "</td>") + "<td>" + Markup.Encode(Markup.Window(window)) +
               "</td><td class=\"num\">" + Markup.Encode(Markup.Text(value)) + "</td><td>" + Firing(firing, firingIndex) + "</td></tr>";
    }

    /// <summary>The firing as text: <c>on time</c>, <c>early</c> or <c>late</c>, with <c>#n</c> above the first firing.</summary>
    /// <param name="firing">The firing kind.</param>
    /// <param name="firingIndex">The firing index.</param>
    public static string Firing(WindowFiring firing, int firingIndex)
    {
        var kind = firing switch { WindowFiring.Early => "early", WindowFiring.Late => "late", _ => "on time" };
        return firingIndex > 0 ? kind + " #" + firingIndex.ToString(System.Globalization.CultureInfo.InvariantCulture) : kind;
    }
}
