using System.Reactive.Concurrency;
using System.Reactive.Subjects;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Reactive.Testing;
using RxStreams.Interactive.Live;

namespace RxStreams.Interactive.Tests;

/// <summary>
/// The live view's pacing (a trailing flush: never more than one interval behind the stream) and stopping (after a
/// duration, on a cancellation token, on dispose), on a virtual clock.
/// </summary>
public class LiveViewPacingTest
{
    private static readonly long Second = TimeSpan.FromSeconds(1).Ticks;

    private readonly TestScheduler _clock = new();
    private readonly Subject<StreamElement<string>> _input = new();
    private readonly LiveViewTest.RecordingSink _sink = new();

    /// <summary>Counts per key in 5 s tumbling windows of whatever the test pushes into <see cref="_input"/>.</summary>
    private IObservable<StreamElement<WindowResult<string, long>>> Counts() =>
        _input.KeyBy(x => x).Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(5))).Count();

    private static long T(double seconds) => (long)Math.Round(seconds * Second);

    private void At(double seconds, params StreamElement<string>[] elements) =>
        _clock.ScheduleAbsolute(T(seconds), () => Array.ForEach(elements, _input.OnNext));

    private static StreamElement<string> R(string key, long timestamp) => StreamElement.Record(key, timestamp);

    private static StreamElement<string> W(long timestamp) => StreamElement.Watermark<string>(timestamp);

    [Fact]
    public void A_change_within_the_interval_is_shown_when_the_interval_has_passed()
    {
        var view = LiveView.Start(Counts(), _sink, new LiveViewOptions { Clock = _clock, MinUpdateInterval = TimeSpan.FromSeconds(1) });
        At(0.2, R("a", 1000), W(5000));                  // too soon after the start (0 s): flushed at 1 s
        At(1.5, R("b", 6000), R("c", 7000), W(10000));   // too soon after 1 s: flushed at 2 s
        At(1.7, W(12000));                               // a watermark alone, in the same pending flush

        _clock.AdvanceTo(Second - 1);
        Assert.Empty(_sink.Updates);
        _clock.AdvanceTo(Second);
        Assert.Equal(new[] { "a|[0, 5000)|1|on time" }, Html.Rows(Assert.Single(_sink.Updates)));
        Assert.StartsWith("watermark 5000 · 1 result", Html.Status(_sink.Updates[0]), StringComparison.Ordinal);

        _clock.AdvanceTo(2 * Second - 1);
        Assert.Single(_sink.Updates);
        _clock.AdvanceTo(2 * Second);
        Assert.Equal(2, _sink.Updates.Count);
        Assert.Equal(new[] { "a|[0, 5000)|1|on time", "b|[5000, 10000)|1|on time", "c|[5000, 10000)|1|on time" }, Html.Rows(_sink.Updates[1]));
        Assert.Equal("watermark 12000 · 3 results (0 late updates) · 1.5 results/s · running", Html.Status(_sink.Updates[1]));

        _clock.AdvanceTo(60 * Second);    // nothing changed: no more updates
        Assert.Equal(2, _sink.Updates.Count);
        Assert.Equal(2, view.DisplayUpdates);
        Assert.True(view.IsRunning);
    }

    [Fact]
    public void Windows_firing_together_show_together_with_their_watermark_within_one_interval()
    {
        LiveView.Start(Counts(), _sink, new LiveViewOptions { Clock = _clock, MinUpdateInterval = TimeSpan.FromMilliseconds(100) });
        At(0.5, R("a", 1000), R("b", 6000), R("c", 11000));
        At(4.0, W(5000));     // fires a's window, shown at once (the last update was at the start), then the watermark: too soon
        At(4.05, W(15000));   // fires b's and c's windows: too soon as well

        _clock.AdvanceTo(T(4.1) - 1);
        Assert.Equal(new[] { "a|[0, 5000)|1|on time" }, Html.Rows(Assert.Single(_sink.Updates)));
        Assert.StartsWith("watermark Wmin · 1 result", Html.Status(_sink.Updates[0]), StringComparison.Ordinal);
        _clock.AdvanceTo(T(4.1));   // one interval after the last update: the flush shows all three and the watermark

        Assert.Equal(2, _sink.Updates.Count);
        Assert.Equal(new[] { "a|[0, 5000)|1|on time", "b|[5000, 10000)|1|on time", "c|[10000, 15000)|1|on time" }, Html.Rows(_sink.Updates[1]));
        Assert.StartsWith("watermark 15000 · 3 results", Html.Status(_sink.Updates[1]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_view_stops_after_its_duration_and_disposes_its_subscription()
    {
        var view = LiveView.Start(Counts(), _sink, new LiveViewOptions { Clock = _clock, MinUpdateInterval = TimeSpan.FromSeconds(1), StopAfter = TimeSpan.FromSeconds(5) });
        At(4.5, R("a", 1000), W(5000));   // the result shows at once; the watermark would be flushed at 5.5 s, the stop at 5 s shows it

        _clock.AdvanceTo(5 * Second - 1);
        Assert.True(_input.HasObservers);
        _clock.AdvanceTo(5 * Second);

        Assert.False(_input.HasObservers);
        Assert.False(view.IsRunning);
        await view;
        Assert.Equal(2, _sink.Updates.Count);
        Assert.Equal("watermark Wmin · 1 result (0 late updates) · 0.2 results/s · running", Html.Status(_sink.Updates[0]));
        Assert.Equal(new[] { "a|[0, 5000)|1|on time" }, Html.Rows(_sink.Updates[1]));
        Assert.Equal("watermark 5000 · 1 result (0 late updates) · 0.2 results/s · stopped", Html.Status(_sink.Updates[1]));
        _clock.AdvanceTo(60 * Second);
        Assert.Equal(2, _sink.Updates.Count);
    }

    [Fact]
    public async Task The_view_stops_when_its_token_is_cancelled_and_disposes_its_subscription()
    {
        using var cancellation = new CancellationTokenSource();
        var view = LiveView.Start(Counts(), _sink, new LiveViewOptions { Clock = _clock, MinUpdateInterval = TimeSpan.Zero, Cancellation = cancellation.Token });
        At(1, R("a", 1000), W(5000));
        _clock.ScheduleAbsolute(2 * Second, cancellation.Cancel);

        _clock.AdvanceTo(2 * Second);

        Assert.False(_input.HasObservers);
        await view;
        Assert.Equal(3, _sink.Updates.Count); // the result, the watermark, the stop
        Assert.Equal("watermark 5000 · 1 result (0 late updates) · 0.5 results/s · stopped", Html.Status(_sink.Updates[^1]));
    }

    [Fact]
    public async Task Disposing_the_view_stops_it_once()
    {
        var view = LiveView.Start(Counts(), _sink, new LiveViewOptions { Clock = _clock });

        view.Dispose();
        view.Dispose();

        Assert.False(_input.HasObservers);
        await view;
        Assert.EndsWith("· stopped", Html.Status(Assert.Single(_sink.Updates)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_cancelled_before_the_start_stops_the_view_at_once()
    {
        var view = LiveView.Start(Counts(), _sink, new LiveViewOptions { Clock = _clock, Cancellation = new CancellationToken(true) });

        Assert.False(_input.HasObservers);
        Assert.True(view.Completion.IsCompletedSuccessfully);
        Assert.EndsWith("· stopped", Html.Status(Assert.Single(_sink.Updates)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rolling_results_show_the_latest_value_of_each_key()
    {
        var results = _input.KeyBy(x => x).Count();
        var view = LiveView.Start(results, _sink, new LiveViewOptions { Clock = _clock, MinUpdateInterval = TimeSpan.FromSeconds(1), Title = "per key" });
        At(0.5, R("north", 1000), R("south", 2000), R("north", 4999), W(5000));
        At(0.7, R("south", 6000));
        _clock.ScheduleAbsolute(T(0.8), _input.OnCompleted);

        _clock.AdvanceTo(Second);
        await view;

        Assert.Equal(new[] { "north|2|4999|2", "south|2|6000|2" }, Html.Rows(Assert.Single(_sink.Updates)));
        Assert.Equal("watermark 5000 · 4 results · 2 keys · 5 results/s · completed", Html.Status(_sink.Updates[0]));
        Assert.Contains("<b>per key</b>", _sink.Updates[0], StringComparison.Ordinal);
        Assert.Equal("watermark 5000 · 4 results · 2 keys · 5 results/s · completed\nnorth = 2 @4999\nsouth = 2 @6000\n", view.ToString());
    }
}
