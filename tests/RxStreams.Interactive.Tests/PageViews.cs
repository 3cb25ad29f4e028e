namespace RxStreams.Interactive.Tests;

/// <summary>
/// The page views that the getting-started notebook and the page-views app (samples/apps) generate, and the windows
/// they must show: view i is on page (i * i + i / 10) % 3 at 09:00 UTC + i * 50 + (i % 5) * 100 ms, less 8, 15 and
/// 25 s for views 333, 777 and 1111; 10 s tumbling windows with 10 s of allowed lateness (1111 is too late for it).
/// </summary>
internal static class PageViews
{
    /// <summary>2024-06-01 09:00 UTC, in epoch milliseconds.</summary>
    public const long Nine = 1_717_232_400_000;

    public static readonly string[] Pages = { "home", "search", "cart" };

    public static readonly (int I, string Page, long Time)[] Views =
        Enumerable.Range(0, 1200).Select(i => (I: i, Page: Pages[(i * i + i / 10) % 3], Time: Nine + i * 50L + (i % 5) * 100 - Behind(i))).ToArray();

    /// <summary>Each page's windows in start order, with their final count and whether a late view updated them.</summary>
    public static readonly (string Page, long Start, int Count, bool Late)[] Windows = Views.Where(v => v.I != 1111)   // too late even for the allowed lateness: the side output
        .GroupBy(v => (Start: Nine + (v.Time - Nine) / 10_000 * 10_000, v.Page))
        .OrderBy(g => g.Key.Start).ThenBy(g => g.Key.Page, StringComparer.Ordinal)
        .Select(g => (g.Key.Page, g.Key.Start, Count: g.Count(), Late: g.Any(v => v.I is 333 or 777)))
        .ToArray();

    /// <summary>The live window table's rows: page, window, count, firing.</summary>
    public static string[] TableRows() =>
        Windows.Select(w => $"{w.Page}|[2024-06-01 {Clock(w.Start)}, {Clock(w.Start + 10_000)}) UTC|{w.Count}|{(w.Late ? "late #1" : "on time")}").ToArray();

    /// <summary>The line chart's points of <paramref name="page"/>: each window at its end.</summary>
    public static IEnumerable<string> ChartPoints(string page) => Points(Windows.Where(w => w.Page == page));

    /// <summary>The line chart's late-update markers.</summary>
    public static IEnumerable<string> LatePoints() => Points(Windows.Where(w => w.Late));

    private static IEnumerable<string> Points(IEnumerable<(string Page, long Start, int Count, bool Late)> windows) =>
        windows.Select(w => $"2024-06-01 {Clock(w.Start + 10_000)}.000={w.Count}");

    private static long Behind(int i) => i switch { 333 => 8_000, 777 => 15_000, 1111 => 25_000, _ => 0 };

    private static string Clock(long t) => DateTimeOffset.FromUnixTimeMilliseconds(t).ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
