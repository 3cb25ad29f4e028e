using System.Reactive.Linq;
using System.Text.RegularExpressions;
using RxStreams.Interactive.Rendering;
using RxStreams.Interactive.Timeline;
using RxStreams.Testing;

namespace RxStreams.Interactive.Tests;

/// <summary>The HTML and SVG builders, without a kernel.</summary>
public class RenderingTest
{
    [Theory]
    [InlineData(0L, "0")]
    [InlineData(12_000L, "12000")]
    [InlineData(long.MaxValue, "Wmax")]
    [InlineData(long.MinValue, "Wmin")]
    [InlineData(1_700_000_000_123L, "2023-11-14 22:13:20.123 UTC")]
    [InlineData(1_717_232_418_000L, "2024-06-01 09:00:18 UTC")]
    public void Times_read_as_the_stream_notation_or_a_utc_date_time(long timestamp, string expected) =>
        Assert.Equal(expected, Markup.Time(timestamp));

    [Theory]
    [InlineData(0L, 5_000L, "[0, 5000)")]
    [InlineData(1_717_232_340_000L, 1_717_232_400_000L, "[2024-06-01 08:59:00, 09:00:00) UTC")]
    [InlineData(1_717_286_340_000L, 1_717_286_400_000L, "[2024-06-01 23:59:00, 2024-06-02 00:00:00) UTC")]
    public void Windows_read_as_start_and_end_with_the_date_once(long start, long end, string expected) =>
        Assert.Equal(expected, Markup.Window(new TimeWindow(start, end)));

    [Fact]
    public void Plain_texts_show_utc_date_times_and_no_key_for_window_all()
    {
        var keyed = new WindowResult<string, long>("berlin", new TimeWindow(1_717_232_340_000, 1_717_232_400_000), 10, WindowFiring.OnTime, 0, false);
        var late = new WindowResult<System.Reactive.Unit, long>(System.Reactive.Unit.Default, new TimeWindow(0, 5_000), 3, WindowFiring.Late, 1, true);

        Assert.Equal("berlin [2024-06-01 08:59:00, 09:00:00) UTC = 10", PlainText.Result(keyed));
        Assert.Equal("[0, 5000) = 3 (late #1)", PlainText.Result(late));
        Assert.Equal("a@1000", PlainText.Element(StreamElement.Record("a", 1000)));
        Assert.Equal("order @ 2024-06-01 09:01:35 UTC", PlainText.Element(StreamElement.Record("order", 1_717_232_495_000)));
        Assert.Equal("W 2024-06-01 09:01:35 UTC", PlainText.Element(StreamElement.Watermark<string>(1_717_232_495_000)));
        Assert.Equal("Wmax", PlainText.Element(StreamElement.Watermark<string>(long.MaxValue)));
    }

    [Fact]
    public void A_window_all_table_has_no_key_column()
    {
        var results = new[] { new WindowResult<System.Reactive.Unit, long>(System.Reactive.Unit.Default, new TimeWindow(0, 5_000), 2, WindowFiring.OnTime, 0, false) };

        var html = WindowResultsHtml.Table(results);

        Assert.Contains("<tr><th>window</th><th>value</th><th>firing</th></tr>", html, StringComparison.Ordinal);
        Assert.Equal(new[] { "[0, 5000)|2|on time" }, Html.Rows(html));
        Assert.Equal("<span class=\"rxs-result\" style=\"color:inherit\">[0, 5000) = <b>2</b></span>", WindowResultsHtml.Result(results[0]));
    }

    [Fact]
    public void A_window_results_table_has_one_row_per_result_in_order()
    {
        var results = new[]
        {
            new WindowResult<string, long>("north", new TimeWindow(0, 5_000), 2, WindowFiring.OnTime, 0, false),
            new WindowResult<string, long>("north", new TimeWindow(0, 5_000), 3, WindowFiring.Late, 1, true),
        };

        var html = WindowResultsHtml.Table(results, "per 5 s");

        Assert.Contains("<b>per 5 s</b>", html, StringComparison.Ordinal);
        Assert.Equal(
            new[] { "north|[0, 5000)|2|on time", "north|[0, 5000)|3|late #1" },
            Html.Rows(html));
        Assert.Contains("<tr class=\"late\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_result_is_one_line()
    {
        var html = WindowResultsHtml.Result(new WindowResult<string, long>("a&b", new TimeWindow(0, 10), 7, WindowFiring.Early, 0, true));

        Assert.Equal("<span class=\"rxs-result\" style=\"color:#8a6d00\">a&amp;b [0, 10) = <b>7</b> (early)</span>", html);
    }

    [Fact]
    public void A_watermark_is_a_badge_and_a_record_its_value_at_its_time()
    {
        Assert.EndsWith(">W Wmax</span>", StreamElementHtml.Element(StreamElement.Watermark<int>(long.MaxValue)), StringComparison.Ordinal);
        Assert.EndsWith(">x @ 5</span>", StreamElementHtml.Element(StreamElement.Record("x", 5)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_graph_svg_has_a_box_per_operator_and_an_edge_per_exchange()
    {
        var graph = Observable.Range(0, 10)
            .Select(i => (Sensor: i % 2, Time: (long)i))
            .WithEventTime(r => r.Time, WatermarkStrategy.ForMonotonousTimestamps())
            .PartitionByKey(r => r.Sensor, parallelism: 2)
            .Apply(task => task.KeyBy(r => r.Sensor).Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(1))).Count())
            .Graph();

        var svg = DataflowGraphSvg.Render(graph);

        Assert.Equal(new[] { "Rx.Select", "WithEventTime", "WindowCount ×2" }, Regex.Matches(svg, "<text[^>]*fill=\"#1d2b3a\">([^<]*)</text>").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)));
        Assert.Equal(new[] { "forward", "hash" }, Regex.Matches(svg, "data-exchange=\"([^\"]*)\"").Select(m => m.Groups[1].Value));
        Assert.Equal(2, Regex.Count(svg, "<rect[^>]*fill=\"#dfe8f6\"") + 1); // one shadow box behind the two-task operator
        var html = DataflowGraphSvg.RenderHtml(graph);
        Assert.Contains("n1 -- hash --&gt; n2", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_timeline_marks_late_records_watermarks_and_firings()
    {
        var timeline = new EventTimeline();
        StreamDescription.Parse("a@1000 b@6000 W5000 a@2000 Wmax").ToObservable()
            .RecordTimeline(timeline)
            .KeyBy(x => x)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(5)))
            .AllowedLateness(TimeSpan.FromSeconds(5))
            .Count()
            .RecordFirings(timeline)
            .Subscribe();

        Assert.Equal(new[] { false, false, true }, timeline.Records.Select(r => r.Late));
        Assert.Equal(new[] { 5000L, long.MaxValue }, timeline.Watermarks.Select(w => w.Watermark));
        Assert.Equal(
            new[] { "a=1 [0,5000) OnTime", "a=2 [0,5000) Late", "b=1 [5000,10000) OnTime" },
            timeline.Firings.Select(f => $"{f.Label} {f.Window} {f.Firing}"));

        var svg = TimelineSvg.Render(timeline);
        Assert.Equal(3, Regex.Count(svg, "<circle class=\"record"));
        Assert.Equal(1, Regex.Count(svg, "<circle class=\"record late\""));
        Assert.Equal(1, Regex.Count(svg, "<path class=\"watermark\""));
        Assert.Equal(new[] { "OnTime", "Late", "OnTime" }, Regex.Matches(svg, "<g class=\"firing\" data-firing=\"([^\"]*)\"").Select(m => m.Groups[1].Value));
    }

    [Fact]
    public void An_empty_timeline_says_so() =>
        Assert.Contains("nothing recorded yet", TimelineSvg.Render(new EventTimeline()), StringComparison.Ordinal);

    [Fact]
    public void Timeline_ticks_are_round_and_within_range() =>
        Assert.Equal(new[] { 0L, 5_000, 10_000, 15_000, 20_000 }, TimelineSvg.Ticks(-1_000, 20_000));
}
