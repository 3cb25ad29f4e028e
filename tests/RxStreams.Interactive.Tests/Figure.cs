using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RxStreams.Interactive.Tests;

/// <summary>Reads the Plotly figures that the chart HTML carries as JSON, for exact assertions.</summary>
internal static class Figure
{
    /// <summary>The figures in <paramref name="html"/>, in order.</summary>
    public static JsonElement[] All(string html) =>
        Regex.Matches(html, "<script type=\"application/json\" class=\"rxs-figure\" id=\"[^\"]*\">(.*?)</script>", RegexOptions.Singleline)
            .Select(m => JsonDocument.Parse(m.Groups[1].Value).RootElement.Clone())
            .ToArray();

    /// <summary>The one figure in <paramref name="html"/>.</summary>
    public static JsonElement Single(string html) => Assert.Single(All(html));

    /// <summary>The traces' names.</summary>
    public static string[] Names(JsonElement figure) =>
        figure.GetProperty("data").EnumerateArray().Select(t => t.TryGetProperty("name", out var n) ? n.GetString()! : string.Empty).ToArray();

    /// <summary>The trace named <paramref name="name"/> as <c>x=y</c> pairs (numbers invariant, texts as they are).</summary>
    public static string[] Points(JsonElement figure, string name)
    {
        var trace = figure.GetProperty("data").EnumerateArray().Single(t => t.TryGetProperty("name", out var n) && n.GetString() == name);
        var x = trace.GetProperty("x").EnumerateArray().Select(Text).ToArray();
        var y = trace.GetProperty("y").EnumerateArray().Select(Text).ToArray();
        Assert.Equal(x.Length, y.Length);
        return x.Zip(y, (a, b) => a + "=" + b).ToArray();
    }

    /// <summary>The layout's title text.</summary>
    public static string Title(JsonElement figure) => figure.GetProperty("layout").GetProperty("title").GetProperty("text").GetString()!;

    /// <summary>The x of the watermark line, or null when the chart has none.</summary>
    public static string? Watermark(JsonElement figure) =>
        figure.GetProperty("layout").TryGetProperty("shapes", out var shapes) ? Text(shapes[0].GetProperty("x0")) : null;

    /// <summary>An axis title.</summary>
    public static string Axis(JsonElement figure, string axis) =>
        figure.GetProperty("layout").GetProperty(axis).GetProperty("title").GetProperty("text").GetString()!;

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? value.GetString()!
        : value.GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture);
}
