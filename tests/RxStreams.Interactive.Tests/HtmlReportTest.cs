using System.IO;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using System.Text.RegularExpressions;
using Microsoft.Reactive.Testing;
using RxStreams.Interactive.Charts;
using RxStreams.Interactive.Live;
using RxStreams.Interactive.Reports;
using RxStreams.Testing;

namespace RxStreams.Interactive.Tests;

/// <summary>The notebook views in an HTML file, for apps without a notebook: live sections rewrite the page, on a virtual clock.</summary>
public sealed class HtmlReportTest : IDisposable
{
    private static readonly long Second = TimeSpan.FromSeconds(1).Ticks;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rxs-report-" + Guid.NewGuid().ToString("N"));
    private readonly TestScheduler _clock = new();
    private readonly Subject<StreamElement<string>> _input = new();

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private IObservable<StreamElement<WindowResult<string, long>>> Counts() =>
        _input.KeyBy(x => x).Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(5))).Count();

    private string Page(HtmlReport report) => File.ReadAllText(report.Path);

    private static string[] Sections(string page) =>
        Regex.Matches(page, "<section>(.*?)</section>", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToArray();

    [Fact]
    public void An_empty_report_is_a_finished_page_with_its_title()
    {
        var report = new HtmlReport(Path.Combine(_folder, "sub", "empty.html"), "Nothing <yet>");

        var page = Page(report);
        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        Assert.Contains("<title>Nothing &lt;yet&gt;</title>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("http-equiv=\"refresh\"", page, StringComparison.Ordinal);
        Assert.Empty(Sections(page));
        Assert.False(File.Exists(report.PlotlyScriptPath));
    }

    [Fact]
    public void Live_sections_rewrite_the_page_which_reloads_itself_until_every_view_has_ended()
    {
        var report = new HtmlReport(Path.Combine(_folder, "live.html"), "Clicks");
        var options = new LiveViewOptions { Clock = _clock, MinUpdateInterval = TimeSpan.FromSeconds(1) };
        var table = report.DisplayLive(Counts(), options with { Title = "per 5 s" });
        var chart = report.ChartLive(Counts(), options with { Title = "chart" });

        _clock.Schedule(TimeSpan.FromTicks(Second / 2), () =>
        {
            _input.OnNext(StreamElement.Record("a", 1000));
            _input.OnNext(StreamElement.Record("a", 2000));
            _input.OnNext(StreamElement.Watermark<string>(5000));
        });
        _clock.AdvanceTo(Second);

        var running = Page(report);
        Assert.Contains("<meta http-equiv=\"refresh\" content=\"1\">", running, StringComparison.Ordinal);
        Assert.Contains("<script src=\"plotly-" + PlotlyJs.Version + ".min.js\"></script>", running, StringComparison.Ordinal);
        Assert.True(new FileInfo(report.PlotlyScriptPath).Length > 3_000_000);
        var sections = Sections(running);
        Assert.Equal(2, sections.Length);
        Assert.Equal(new[] { "a|[0, 5000)|2|on time" }, Html.Rows(sections[0]));
        Assert.Equal(new[] { "5000=2" }, Figure.Points(Figure.Single(sections[1]), "a"));

        _input.OnCompleted();
        _clock.AdvanceTo(2 * Second);

        Assert.True(table.Completion.IsCompleted && chart.Completion.IsCompleted);
        var done = Page(report);
        Assert.DoesNotContain("http-equiv=\"refresh\"", done, StringComparison.Ordinal);
        Assert.Contains("<p class=\"rxs-report-status\">done</p>", done, StringComparison.Ordinal);
        Assert.EndsWith("completed", Html.Status(Sections(done)[0]), StringComparison.Ordinal);
    }

    [Fact]
    public void Added_values_show_as_in_a_notebook_and_a_stopped_view_ends_the_reloading()
    {
        var report = new HtmlReport(Path.Combine(_folder, "added.html"), "Added");
        var results = new[] { new WindowResult<string, long>("a", new TimeWindow(0, 5000), 3, WindowFiring.OnTime, 0, false) };
        report.AddText("Counts <per> key:");
        report.AddResults(results, "counts");
        report.Add(StreamDescription.Parse("a@1000 W5000").ToObservable().KeyBy(x => x)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(5))).Count().DescribeGraph());
        report.Add(results.LineChart("a line"));
        var view = report.DisplayLive(Counts(), new LiveViewOptions { Clock = _clock });
        Assert.Contains("http-equiv=\"refresh\"", Page(report), StringComparison.Ordinal);

        view.Stop();

        var page = Page(report);
        Assert.DoesNotContain("http-equiv=\"refresh\"", page, StringComparison.Ordinal);
        var sections = Sections(page);
        Assert.Equal(5, sections.Length);
        Assert.Equal("<p>Counts &lt;per&gt; key:</p>", sections[0]);
        Assert.Equal(new[] { "a|[0, 5000)|3|on time" }, Html.Rows(sections[1]));
        Assert.Contains("<svg class=\"rxs-graph\"", sections[2], StringComparison.Ordinal);
        Assert.Equal(new[] { "5000=3" }, Figure.Points(Figure.Single(sections[3]), "a"));
        Assert.EndsWith("stopped", Html.Status(sections[4]), StringComparison.Ordinal);
        Assert.True(File.Exists(report.PlotlyScriptPath));
    }

    [Fact]
    public void Complete_ends_the_reloading_while_a_view_still_runs()
    {
        var report = new HtmlReport(Path.Combine(_folder, "complete.html"), "Complete");
        report.DisplayLive(Counts(), new LiveViewOptions { Clock = _clock });

        report.Complete();

        Assert.DoesNotContain("http-equiv=\"refresh\"", Page(report), StringComparison.Ordinal);
    }
}
