using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using System.Threading.Tasks;
using RxStreams.Interactive.Live;
using RxStreams.Testing;

namespace RxStreams.Interactive.Tests;

/// <summary>The live view's state and pacing, with a recording sink instead of a kernel.</summary>
public class LiveViewTest
{
    internal sealed class RecordingSink : ILiveViewSink
    {
        public List<string> Shown { get; } = new();

        public List<string> Updates { get; } = new();

        public void Show(string html, string text) => Shown.Add(html);

        public void Update(string html, string text) => Updates.Add(html);
    }

    /// <summary>Window counts of two keys with a late update (north's [0, 5000) again after W5000), shared by the view and chart tests.</summary>
    internal static IObservable<StreamElement<WindowResult<string, long>>> Crossings() =>
        StreamDescription.Parse("north@1000 south@2000 north@4999 north@5000 W5000 north@1500 south@9000 W12000 north@3000")
            .ToObservable()
            .KeyBy(x => x)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(5)))
            .AllowedLateness(TimeSpan.FromSeconds(2))
            .Count();

    [Fact]
    public void The_table_keeps_the_latest_result_per_key_and_window()
    {
        var table = new LiveWindowTable();
        Crossings().Subscribe(table.Apply);

        Assert.Equal(
            new[] { "north [0,5000) 3 Late 2", "south [0,5000) 1 OnTime 1", "north [5000,10000) 1 OnTime 1", "south [5000,10000) 1 OnTime 1" },
            table.Rows.Select(r => $"{r.Key} {r.Window} {r.Value} {r.Firing} {r.Updates}"));
        Assert.Equal(long.MaxValue, table.Watermark);
        Assert.Equal(5, table.Results);
        Assert.Equal(1, table.LateUpdates);
    }

    [Fact]
    public async Task Without_a_minimum_interval_every_change_replaces_the_one_display()
    {
        var clock = new HistoricalScheduler(DateTimeOffset.UnixEpoch);
        var counters = new WindowCounters();
        var sink = new RecordingSink();
        var results = StreamDescription.Parse("north@1000 south@2000 north@4999 north@5000 W5000 north@1500 south@9000 W12000 north@3000")
            .ToObservable()
            .KeyBy(x => x)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(5)))
            .AllowedLateness(TimeSpan.FromSeconds(2))
            .WithCounters(counters)
            .Count();

        var view = LiveView.Start(results, sink, new LiveViewOptions { Clock = clock, MinUpdateInterval = TimeSpan.Zero, Counters = counters, Title = "crossings" });
        await view;

        Assert.Single(sink.Shown);
        Assert.Equal("watermark Wmin · 0 results (0 late updates) · 0 late records · running", Html.Status(sink.Shown[0]));
        // 5 results and 3 watermark rises (W5000, W12000, Wmax) change the table, then completion: 9 updates.
        Assert.Equal(9, sink.Updates.Count);
        Assert.Equal(9, view.DisplayUpdates);
        var final = sink.Updates[^1];
        Assert.Equal("watermark Wmax · 5 results (1 late update) · 1 late record · completed", Html.Status(final));
        Assert.Equal(
            new[] { "north|[0, 5000)|3|late #1", "south|[0, 5000)|1|on time", "north|[5000, 10000)|1|on time", "south|[5000, 10000)|1|on time" },
            Html.Rows(final));
        Assert.Contains("<b>crossings</b>", final, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_stream_shows_the_error_and_fails_the_view()
    {
        var sink = new RecordingSink();
        var view = LiveView.Start(Observable.Throw<StreamElement<WindowResult<string, long>>>(new InvalidOperationException("boom")), sink,
            new LiveViewOptions { Clock = new HistoricalScheduler(DateTimeOffset.UnixEpoch) });

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await view);
        Assert.EndsWith("failed: boom", Html.Status(sink.Updates[^1]), StringComparison.Ordinal);
    }

    [Fact]
    public void Older_rows_beyond_the_maximum_are_summarized()
    {
        var table = new LiveWindowTable();
        for (var i = 0; i < 5; i++)
        {
            table.Apply(StreamElement.Record(new WindowResult<int, long>(0, new TimeWindow(i * 10, i * 10 + 10), i, WindowFiring.OnTime, 0, false), i * 10 + 9));
        }

        var html = Rendering.LiveWindowHtml.Render(table, maxRows: 2);

        Assert.Contains("… 3 earlier window results not shown", html, StringComparison.Ordinal);
        Assert.Equal(new[] { "… 3 earlier window results not shown", "0|[30, 40)|3|on time", "0|[40, 50)|4|on time" }, Html.Rows(html));
    }
}
