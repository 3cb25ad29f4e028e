using System.Net;
using System.Text.RegularExpressions;

namespace RxStreams.Interactive.Tests;

/// <summary>Reads the tables the extension writes, for exact assertions.</summary>
internal static class Html
{
    /// <summary>The body rows of the first <c>rxs-windows</c> or <c>rxs-keyed</c> table, each as its cells' text joined with <c>|</c>.</summary>
    public static string[] Rows(string html)
    {
        var table = Regex.Match(html, "<table class=\"rxs-(?:windows|keyed)\">.*?<tbody>(.*?)</tbody>", RegexOptions.Singleline);
        Assert.True(table.Success, "no live table in: " + html[..Math.Min(300, html.Length)]);
        return Regex.Matches(table.Groups[1].Value, "<tr[^>]*>(.*?)</tr>", RegexOptions.Singleline)
            .Select(row => string.Join("|", Regex.Matches(row.Groups[1].Value, "<td[^>]*>(.*?)</td>", RegexOptions.Singleline)
                .Select(cell => WebUtility.HtmlDecode(Regex.Replace(cell.Groups[1].Value, "<[^>]+>", string.Empty)))))
            .ToArray();
    }

    /// <summary>The live view's status line.</summary>
    public static string Status(string html)
    {
        var status = Regex.Match(html, "<div class=\"status\">(.*?)</div>", RegexOptions.Singleline);
        Assert.True(status.Success, "no status line");
        return WebUtility.HtmlDecode(status.Groups[1].Value);
    }
}
