using System.Reactive.Linq;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.Reactive.Testing;
using RxStreams.Interactive.Diagnostics;
using RxStreams.Interactive.Kernel;

namespace RxStreams.Interactive.Tests;

/// <summary>
/// The explainer's notebook view: a Union whose second sensor went silent at 5 s holds back 10 s windows; the view
/// names that sensor, says why, and lists the operators and waiting windows in tables.
/// </summary>
public class ExplainerViewTest
{
    /// <summary>Sensor a reads every second until 20 s, b until 5 s; explained at 20 s.</summary>
    internal static WindowExplainer SilentSensor()
    {
        var clock = new TestScheduler();
        var explainer = new WindowExplainer(clock);
        IObservable<StreamElement<(string Sensor, long Time)>> Sensor(string name, int last) =>
            clock.CreateHotObservable(Enumerable.Range(1, last).Select(s => new Recorded<System.Reactive.Notification<(string, long)>>(
                    TimeSpan.FromSeconds(s).Ticks, System.Reactive.Notification.CreateOnNext((name, s * 1000L)))).ToArray())
                .WithEventTime(r => r.Item2, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromSeconds(1)))
                .Uid(name);
        Sensor("a", 20).Union(Sensor("b", 5))
            .KeyBy(r => r.Sensor)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(10)))
            .Count()
            .WithExplainer(explainer)
            .Subscribe();
        clock.AdvanceTo(TimeSpan.FromSeconds(20).Ticks);
        return explainer;
    }

    private static string[] Rows(string html, string table) =>
        Regex.Match(html, $"<table class=\"{table}\">.*?<tbody>(.*?)</tbody>", RegexOptions.Singleline).Groups[1].Value is var body
            ? Regex.Matches(body, "<tr[^>]*>(.*?)</tr>", RegexOptions.Singleline)
                .Select(row => string.Join("|", Regex.Matches(row.Groups[1].Value, "<td[^>]*>(.*?)</td>", RegexOptions.Singleline)
                    .Select(cell => System.Net.WebUtility.HtmlDecode(cell.Groups[1].Value))))
                .ToArray()
            : [];

    [Fact]
    public void The_view_names_the_silent_input_and_tabulates_operators_and_waiting_windows()
    {
        var html = WindowExplanationHtml.Render(SilentSensor().Explain());

        Assert.Equal("explained at 00:00:20.000 · 1 window operator waits for the watermark", Html.Status(html));
        Assert.Contains("<div class=\"hold\" data-reason=\"Silent\"><b>WindowCount #5</b>: [0, 10000) waits for watermark <b>10000</b>; the watermark is 4000.<br>Held back by <b class=\"input\">WithEventTime &quot;b&quot;</b>", html, StringComparison.Ordinal);
        Assert.Contains("<li>WithEventTime &quot;b&quot; has sent nothing for 15 s (its newest record is at 5000) and is not marked idle.</li>", html, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"rxs-graph\"", html, StringComparison.Ordinal);
        Assert.Equal(
            [
                "0|HotObservable|–||||||",
                "1|WithEventTime \"a\"|19000||20|20000|0 ms ago|1 s|active, no idleness",
                "2|HotObservable|–||||||",
                "3|WithEventTime \"b\"|4000||5|5000|15 s ago|1 s|active, no idleness",
                "4|Union|4000|#1 at 19000, #3 at 4000 (holds it back)|||||",
                "5|WindowCount|4000||||||",
            ],
            Rows(html, "rxs-operators"));
        Assert.Contains("<tr class=\"holds\"><td class=\"num\">3</td>", html, StringComparison.Ordinal);
        Assert.Equal(
            [
                "WindowCount #5|[0, 10000)|2|10000|10000",
                "WindowCount #5|[10000, 20000)|1|20000|20000",
                "WindowCount #5|[20000, 30000)|1|30000|30000",
            ],
            Rows(html, "rxs-waiting"));
    }

    [Fact]
    public void Before_subscription_the_view_says_it_is_not_running()
    {
        var explainer = new WindowExplainer(new TestScheduler());
        new System.Reactive.Subjects.Subject<StreamElement<int>>().WithExplainer(explainer);
        Assert.Equal("explained at 00:00:00.000 · not running: subscribe the stream that WithExplainer returned", Html.Status(WindowExplanationHtml.Render(explainer.Explain())));
        Assert.Equal("explained at 00:00:00.000 · nothing to explain: attach the explainer with WithExplainer", Html.Status(WindowExplanationHtml.Render(new WindowExplainer(new TestScheduler()).Explain())));
    }
}

/// <summary>The kernel's formatters are global: this runs alone, after the parallel tests.</summary>
[CollectionDefinition(nameof(ExplainerFormatterTest), DisableParallelization = true)]
public sealed class ExplainerFormatterCollection;

/// <summary>An explanation and an explainer show as the view in a notebook, and as the report's text in plain text.</summary>
[Collection(nameof(ExplainerFormatterTest))]
public sealed class ExplainerFormatterTest : IDisposable
{
    public void Dispose() => Formatter.ResetToDefault();

    [Fact]
    public void The_extension_shows_an_explanation_and_an_explainer_as_the_view()
    {
        RxStreamsFormatters.Register();
        var explainer = ExplainerViewTest.SilentSensor();
        var explanation = explainer.Explain();

        Assert.Equal(WindowExplanationHtml.Render(explanation), explanation.ToDisplayString(HtmlFormatter.MimeType));
        Assert.Equal(explanation.ToString(), explanation.ToDisplayString(PlainTextFormatter.MimeType));
        Assert.Equal(WindowExplanationHtml.Render(explanation), explainer.ToDisplayString(HtmlFormatter.MimeType));
        Assert.Equal(explanation.ToString(), explainer.ToDisplayString(PlainTextFormatter.MimeType));
    }
}
