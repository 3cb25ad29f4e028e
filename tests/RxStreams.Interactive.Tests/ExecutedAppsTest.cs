using System.IO;
using System.Text.RegularExpressions;

namespace RxStreams.Interactive.Tests;

/// <summary>
/// The file-based apps of samples/apps as <c>bash test.sh</c> ran them (<c>scripts/run-apps.sh</c>, pages in
/// artifacts/apps), and what headless Chromium drew of every notebook and page (<c>scripts/screenshots.sh</c>,
/// artifacts/screenshots): the pages hold the views the notebooks show, and every chart was drawn.
/// </summary>
public class ExecutedAppsTest
{
    private static string Artifact(params string[] path)
    {
        var file = Path.Combine([ExecutedNotebooksTest.Root, "artifacts", .. path]);
        Assert.True(File.Exists(file), $"{file} is missing. Run `bash test.sh` (scripts/run-notebooks.sh, scripts/run-apps.sh, scripts/screenshots.sh) first.");
        return file;
    }

    private static string[] Sections(string page) =>
        Regex.Matches(page, "<section>(.*?)</section>", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToArray();

    [Fact]
    public void Page_views_shows_the_windows_with_late_data_as_a_table_a_chart_a_watermark_chart_and_the_graph()
    {
        var page = File.ReadAllText(Artifact("apps", "page-views.html"));

        var windows = PageViews.Windows;   // the app's generator, as in the getting-started notebook

        Assert.Contains("<p class=\"rxs-report-status\">done</p>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("http-equiv=\"refresh\"", page, StringComparison.Ordinal);
        var sections = Sections(page);
        Assert.Equal(6, sections.Length);
        Assert.StartsWith("<p>Each page&#39;s views per 10 s of event time.", sections[0], StringComparison.Ordinal);
        Assert.Equal(PageViews.TableRows(), Html.Rows(sections[1]));
        Assert.Matches($"^watermark Wmax · {windows.Length + 2} results \\(2 late updates\\) · 1 late record · [0-9,.]+ records/s · completed$", Html.Status(sections[1]));
        foreach (var name in PageViews.Pages)
        {
            Assert.Equal(PageViews.ChartPoints(name), Figure.Points(Figure.Single(sections[2]), name));
        }

        Assert.Equal("1,200 records · highest timestamp 2024-06-01 09:01:00.350 UTC · watermark Wmax · 3 late records · completed", Html.Status(sections[3]));
        // Records per second at the real clock: how they spread over the intervals varies, their number does not.
        var rates = Figure.Points(Figure.Single(sections[4]), "records/s").Select(p => double.Parse(p[(p.IndexOf('=') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1_200, rates.Sum() * 0.25, 6);
        Assert.Matches("^1,200 records · latest [0-9,.]+ records/s · peak [0-9,.]+ records/s · per 0.25 s · 3 late records · completed$", Html.Status(sections[4]));
        Assert.Equal(new[] { "Rx.SelectMany", "WithEventTime", "Measure input", "WindowCount" },
            ExecutedNotebooksTest.Nodes(sections[5]));
        Assert.True(new FileInfo(Artifact("apps", "plotly-" + Charts.PlotlyJs.Version + ".min.js")).Length > 3_000_000);
    }

    [Fact]
    public void Why_no_window_names_the_silent_source_then_the_bound_once_idleness_released_the_windows()
    {
        var page = File.ReadAllText(Artifact("apps", "why-no-window.html"));

        var sections = Sections(page);
        Assert.Equal(5, sections.Length);
        Assert.Equal("<p>After a minute of readings, 0 windows have fired. The explainer says why:</p>", sections[0]);
        Assert.Contains("<div class=\"hold\" data-reason=\"Silent\">", sections[1], StringComparison.Ordinal);
        Assert.Contains("Held back by <b class=\"input\">WithEventTime &quot;b&quot;</b>: it is silent and not marked idle.", sections[1], StringComparison.Ordinal);
        Assert.Equal("<p>With WithIdleness(10 s) on sensor b, as it suggests, 6 windows fire:</p>", sections[2]);
        Assert.Equal(
            new[] { "a|[0, 10000)|9|on time", "b|[0, 10000)|5|on time", "a|[10000, 20000)|10|on time", "a|[20000, 30000)|10|on time", "a|[30000, 40000)|10|on time", "a|[40000, 50000)|10|on time" },
            Html.Rows(sections[3]));
        Assert.Contains("<div class=\"hold\" data-reason=\"Bound\">", sections[4], StringComparison.Ordinal);
        Assert.Contains("Held back by WithEventTime \"b\" via Union #4: silent, not marked idle.", File.ReadAllText(Artifact("apps", "why-no-window.log")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_readme_shows_screenshots_that_are_in_the_repository()
    {
        var readme = File.ReadAllText(Path.Combine(ExecutedNotebooksTest.Root, "README.md"));
        var images = Regex.Matches(readme, @"\]\((docs/images/[^)]+\.png)\)").Select(m => m.Groups[1].Value).ToArray();

        Assert.Equal(new[] { "docs/images/page-views.png", "docs/images/why-no-window.png" }, images);
        foreach (var image in images)
        {
            var bytes = File.ReadAllBytes(Path.Combine(ExecutedNotebooksTest.Root, image));
            Assert.True(bytes.Length > 20_000, image + " is nearly empty");
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        }
    }

    public static TheoryData<string, int> Pages => new()
    {
        // The page's screenshot name and the charts on it.
        { "01-getting-started", 2 },
        { "02-time-semantics", 1 },
        { "03-watermarks-and-late-data", 0 },
        { "04-windows", 1 },
        { "05-dataflow-graph-and-parallelism", 0 },
        { "06-testing-in-virtual-time", 0 },
        { "07-state-and-checkpoints", 0 },
        { "08-delivery-guarantees", 0 },
        { "app-page-views", 3 },
        { "app-why-no-window", 0 },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public void Headless_chromium_drew_every_chart_of_the_page_offline(string name, int charts)
    {
        var dom = File.ReadAllText(Artifact("screenshots", name + ".dom.html"));
        var plots = Regex.Matches(dom, "<div id=\"rxs-chart-[^\"]*\" class=\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToArray();

        Assert.Equal(charts, plots.Length);
        // plotly.js marks the element it drew into, and draws an SVG per chart.
        Assert.All(plots, c => Assert.Equal("rxs-plot js-plotly-plot", c));
        Assert.True(Regex.Count(dom, "<svg class=\"main-svg\"") >= charts);
        Assert.DoesNotContain("(the chart needs JavaScript)", dom, StringComparison.Ordinal);
        Assert.True(new FileInfo(Artifact("screenshots", name + ".png")).Length > 20_000, "the screenshot is empty");
    }
}
