using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using Microsoft.Reactive.Testing;
using RxStreams.Interactive.Charts;
using RxStreams.Interactive.Live;
using RxStreams.Testing;

namespace RxStreams.Interactive.Tests;

/// <summary>The live charts' state, figures and pacing, with a recording sink instead of a kernel.</summary>
public class ChartTest
{
    private static readonly long Second = TimeSpan.FromSeconds(1).Ticks;

    private static IObservable<StreamElement<WindowResult<string, long>>> Crossings() => LiveViewTest.Crossings();

    [Fact]
    public void A_line_chart_of_window_results_has_a_line_per_key_with_each_window_at_its_end_and_late_updates_marked()
    {
        var chart = new LiveLineChart();
        Crossings().Subscribe(e => chart.Apply(e));

        Assert.Equal(
            new[] { "north: 5000=3 late, 10000=1", "south: 5000=1, 10000=1" },
            chart.Series.Select(s => s.Key + ": " + string.Join(", ", s.Points.Select(p => $"{p.Time}={p.Value}" + (p.Late ? " late" : string.Empty)))));
        var html = chart.ToHtml("crossings", 50, 0);
        var figure = Figure.Single(html);
        Assert.Equal(new[] { "north", "south", "late update" }, Figure.Names(figure));
        Assert.Equal(new[] { "5000=3", "10000=1" }, Figure.Points(figure, "north"));
        Assert.Equal(new[] { "5000=1", "10000=1" }, Figure.Points(figure, "south"));
        Assert.Equal(new[] { "5000=3" }, Figure.Points(figure, "late update"));
        Assert.Equal("crossings", Figure.Title(figure));
        Assert.Equal("2 keys, 4 points · watermark Wmax · running", Html.Status(html));
        Assert.Equal("window end (ms)", Figure.Axis(figure, "xaxis"));
        Assert.Null(Figure.Watermark(figure));   // Wmax is off the axis
    }

    [Fact]
    public void Calendar_times_are_utc_date_times_on_the_axis_and_the_watermark_is_a_line()
    {
        const long june1 = 1_717_232_400_000; // 2024-06-01 09:00:00 UTC
        var chart = new LiveLineChart();
        chart.Apply(StreamElement.Record(new WindowResult<string, double>("berlin", new TimeWindow(june1 - 60_000, june1), 10.5, WindowFiring.OnTime, 0, false), june1 - 1));
        chart.Apply(StreamElement.Watermark<WindowResult<string, double>>(june1 + 1_500));

        var html = chart.ToHtml(null, 50, 0);
        var figure = Figure.Single(html);
        Assert.Equal(new[] { "2024-06-01 09:00:00.000=10.5" }, Figure.Points(figure, "berlin"));
        Assert.Equal("2024-06-01 09:00:01.500", Figure.Watermark(figure));
        Assert.Equal("window end (UTC)", Figure.Axis(figure, "xaxis"));
        Assert.Equal("1 key, 1 point · watermark 2024-06-01 09:00:01.500 UTC · running", Html.Status(html));
    }

    [Fact]
    public void A_line_chart_of_rolling_results_has_a_point_per_result_at_its_timestamp()
    {
        var chart = new LiveLineChart();
        StreamDescription.Parse("a@1000 b@2000 a@3000 W3000").ToObservable()
            .KeyBy(x => x).Count()
            .Subscribe(e => chart.Apply(e));

        Assert.False(chart.OfWindows);
        var figure = Figure.Single(chart.ToHtml("counts", 50, 0));
        Assert.Equal(new[] { "1000=1", "3000=2" }, Figure.Points(figure, "a"));
        Assert.Equal(new[] { "2000=1" }, Figure.Points(figure, "b"));
        Assert.Equal("3000", Figure.Watermark(figure));
        Assert.Equal("event time (ms)", Figure.Axis(figure, "xaxis"));
    }

    [Fact]
    public void Results_that_are_not_numbers_are_counted_not_drawn_unless_a_value_selector_says_how()
    {
        var texts = new LiveLineChart();
        var selected = new LiveLineChart();
        var element = StreamElement.Record(new Keyed<string, string>("a", "three"), 1000);

        texts.Apply(element);
        selected.Apply(element, value: (string s) => s.Length);

        Assert.Empty(texts.Series);
        Assert.Equal(1, texts.NotCharted);
        Assert.Contains("1 results not charted", texts.ToText(), StringComparison.Ordinal);
        Assert.Equal(new[] { "1000=5" }, Figure.Points(Figure.Single(selected.ToHtml(null, 50, 0)), "a"));
    }

    [Fact]
    public void A_line_keeps_at_most_max_points_dropping_the_oldest()
    {
        var chart = new LiveLineChart(maxPoints: 2);
        foreach (var t in new[] { 1000L, 2000, 3000 })
        {
            chart.Apply(StreamElement.Record(new Keyed<string, long>("a", t / 1000), t));
        }

        Assert.Equal(new[] { 2000L, 3000 }, chart.Series.Single().Points.Select(p => p.Time));
    }

    [Fact]
    public void The_watermark_chart_follows_the_highest_timestamp_and_the_watermark_and_marks_late_records()
    {
        var chart = new LiveWatermarkChart(ImmediateScheduler.Instance, byArrival: true);
        StreamDescription.Parse("a@1000 b@6000 W5000 a@2000 c@5500 Wmax").ToObservable().Subscribe(chart.Apply);

        Assert.Equal(
            new[] { "1 1000 Wmin", "2 6000 Wmin", "3 6000 5000", "6 6000 Wmax" },
            chart.Points.Select(p => $"{p.X} {p.MaxTimestamp} {Rendering.Markup.Time(p.Watermark)}"));
        Assert.Equal(new[] { "4 2000" }, chart.LatePoints.Select(p => $"{p.X} {p.Timestamp}"));
        Assert.Equal(4, chart.Records);
        Assert.Equal(1, chart.Late);
        var html = chart.ToHtml("progress", 50, 0);
        var figure = Figure.Single(html);
        Assert.Equal(new[] { "watermark", "highest record timestamp (lag shaded)", "late record" }, Figure.Names(figure));
        Assert.Equal(new[] { "3=5000" }, Figure.Points(figure, "watermark"));
        Assert.Equal(new[] { "1=1000", "2=6000", "3=6000", "6=6000" }, Figure.Points(figure, "highest record timestamp (lag shaded)"));
        Assert.Equal(new[] { "4=2000" }, Figure.Points(figure, "late record"));
        Assert.Equal("elements seen", Figure.Axis(figure, "xaxis"));
        Assert.Equal("progress", Figure.Title(figure));
        Assert.Equal("4 records · highest timestamp 6000 · watermark Wmax · 1 late record · running", Html.Status(html));
    }

    [Fact]
    public void The_watermark_chart_reports_the_lag_while_the_watermark_is_finite()
    {
        var chart = new LiveWatermarkChart(ImmediateScheduler.Instance);
        StreamDescription.Parse("a@1000 b@6000 W5000").ToObservable().Subscribe(chart.Apply);

        Assert.Equal(TimeSpan.FromSeconds(1), chart.Lag);
        Assert.Equal("watermark chart: 2 records · highest timestamp 6000 · watermark 5000 · lag 1 s · 0 late records · running\n", chart.ToText());
    }

    [Fact]
    public void The_watermark_chart_places_points_at_processing_time_on_its_clock()
    {
        var clock = new TestScheduler();
        var sink = new LiveViewTest.RecordingSink();
        var input = new Subject<StreamElement<string>>();
        LiveChart.StartWatermarks(input, sink, new LiveViewOptions { Clock = clock, MinUpdateInterval = TimeSpan.Zero });
        clock.ScheduleAbsolute(2 * Second, () => input.OnNext(StreamElement.Record("a", 1000)));
        clock.ScheduleAbsolute(3 * Second, () => input.OnNext(StreamElement.Watermark<string>(900)));
        clock.ScheduleAbsolute(5 * Second, () => input.OnCompleted());

        clock.Start();

        var figure = Figure.Single(sink.Updates[^1]);
        Assert.EndsWith("· completed", Html.Status(sink.Updates[^1]), StringComparison.Ordinal);
        Assert.Equal(new[] { "2=1000", "3=1000" }, Figure.Points(figure, "highest record timestamp (lag shaded)"));
        Assert.Equal(new[] { "3=900" }, Figure.Points(figure, "watermark"));
        Assert.Equal("processing time (s)", Figure.Axis(figure, "xaxis"));
    }

    [Fact]
    public void The_throughput_chart_counts_records_per_interval_of_its_clock_with_zeros_and_late_records()
    {
        var clock = new TestScheduler();
        var chart = new LiveThroughputChart(clock, TimeSpan.FromSeconds(1));
        void At(double seconds, StreamElement<string> element) => clock.ScheduleAbsolute((long)(seconds * Second), () => chart.Apply(element));
        At(0.2, StreamElement.Record("a", 1000));
        At(0.9, StreamElement.Record("b", 2000));
        At(1.0, StreamElement.Watermark<string>(1500));
        At(1.5, StreamElement.Record("c", 1200));   // behind the watermark: late
        At(3.1, StreamElement.Record("d", 4000));   // nothing in [2 s, 3 s): a zero

        clock.Start();

        Assert.Equal(
            new[] { new ThroughputPoint(1, 2, 0), new ThroughputPoint(2, 1, 1), new ThroughputPoint(3, 0, 0), new ThroughputPoint(4, 1, 0) },
            chart.Points);
        Assert.Equal((4L, 1L), (chart.Records, chart.Late));
        Assert.Equal("throughput chart: 4 records · latest 1 records/s · peak 2 records/s · per 1 s · 1 late record · running\n", chart.ToText());
        Assert.Throws<ArgumentOutOfRangeException>(() => new LiveThroughputChart(clock, TimeSpan.Zero));
    }

    [Fact]
    public void The_live_throughput_chart_draws_records_per_second_at_each_interval_end()
    {
        var clock = new TestScheduler();
        var sink = new LiveViewTest.RecordingSink();
        var input = new Subject<StreamElement<string>>();
        LiveChart.StartThroughput(input, sink, new LiveViewOptions { Clock = clock, MinUpdateInterval = TimeSpan.Zero }, TimeSpan.FromMilliseconds(500));
        for (var i = 0; i < 3; i++)
        {
            clock.ScheduleAbsolute(Second / 10, () => input.OnNext(StreamElement.Record("a", 1000)));
        }

        clock.ScheduleAbsolute(Second * 12 / 10, () => input.OnNext(StreamElement.Record("b", 2000)));
        clock.ScheduleAbsolute(2 * Second, () => input.OnCompleted());

        clock.Start();

        var figure = Figure.Single(sink.Updates[^1]);
        Assert.Equal(new[] { "0.5=6", "1=0", "1.5=2" }, Figure.Points(figure, "records/s"));
        Assert.Equal(new[] { "0.5=0", "1=0", "1.5=0" }, Figure.Points(figure, "late records/s"));
        Assert.Equal("records per second", Figure.Axis(figure, "yaxis"));
        Assert.Equal("4 records · latest 2 records/s · peak 6 records/s · per 0.5 s · 0 late records · completed", Html.Status(sink.Updates[^1]));
    }

    [Fact]
    public void A_live_chart_shows_a_change_within_the_interval_when_it_has_passed_and_its_final_state_at_the_end()
    {
        var clock = new TestScheduler();
        var sink = new LiveViewTest.RecordingSink();
        var input = new Subject<StreamElement<string>>();
        var counts = input.KeyBy(x => x).Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(5))).Count();
        var view = LiveChart.Start(counts, sink, new LiveViewOptions { Clock = clock, MinUpdateInterval = TimeSpan.FromSeconds(1), Title = "counts" });
        clock.ScheduleAbsolute(Second / 5, () => { input.OnNext(StreamElement.Record("a", 1000)); input.OnNext(StreamElement.Watermark<string>(5000)); });
        clock.ScheduleAbsolute(3 * Second / 2, () => { input.OnNext(StreamElement.Record("b", 6000)); input.OnNext(StreamElement.Record("a", 7000)); });
        clock.ScheduleAbsolute(8 * Second / 5, () => input.OnCompleted());

        Assert.Equal(new[] { "0 keys, 0 points · watermark Wmin · running" }, sink.Shown.Select(Html.Status));
        Assert.Equal("counts", Figure.Title(Figure.Single(sink.Shown[0])));
        clock.AdvanceTo(Second - 1);
        Assert.Empty(sink.Updates);
        clock.AdvanceTo(Second);   // the trailing flush of the change at 0.2 s
        var first = Figure.Single(Assert.Single(sink.Updates));
        Assert.Equal(new[] { "5000=1" }, Figure.Points(first, "a"));
        Assert.Equal("5000", Figure.Watermark(first));

        clock.AdvanceTo(2 * Second);   // completion at 1.6 s fires the last windows and is shown at once

        var last = Figure.Single(sink.Updates[^1]);
        Assert.Equal(new[] { "a", "b" }, Figure.Names(last));
        Assert.Equal(new[] { "5000=1", "10000=1" }, Figure.Points(last, "a"));
        Assert.Equal(new[] { "10000=1" }, Figure.Points(last, "b"));
        Assert.Equal("2 keys, 3 points · watermark Wmax · completed", Html.Status(sink.Updates[^1]));
        Assert.False(view.IsRunning);
        Assert.StartsWith("line chart: 2 keys, 3 points · watermark Wmax · completed\n", view.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_chart_of_results_that_arrived_already_is_a_plotly_net_chart()
    {
        var results = Crossings().Values().ToList().Wait();

        var figure = System.Text.Json.JsonDocument.Parse(Plotly.NET.GenericChart.toFigureJson(results.LineChart("crossings"))).RootElement;

        Assert.Equal(new[] { "north", "south", "late update" }, Figure.Names(figure));
        Assert.Equal(new[] { "5000=3", "10000=1" }, Figure.Points(figure, "north"));
        Assert.Equal("crossings", Figure.Title(figure));
    }

    [Fact]
    public void Plotly_js_is_embedded_once_and_charts_draw_with_it_offline()
    {
        var chart = Crossings().Values().ToList().Wait().LineChart();

        Charts.PlotlyHtml.Render(chart);   // the first chart of the process, here or in another test, carries plotly.js
        var later = Charts.PlotlyHtml.Render(chart);
        var loader = PlotlyJs.ScriptHtml();

        Assert.DoesNotContain("data-rxs-plotly", later, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn", later, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("window.Plotly.react(", later, StringComparison.Ordinal);
        Assert.StartsWith("<script type=\"text/javascript\" data-rxs-plotly=\"" + PlotlyJs.Version + "\">if(!window.Plotly){(function(define,module,exports){/**\n* plotly.js v" + PlotlyJs.Version, loader, StringComparison.Ordinal);
        Assert.True(loader.Length > 3_000_000, "the whole of plotly.js");
        Assert.Equal(loader, PlotlyJs.Load().ToString());
    }
}
