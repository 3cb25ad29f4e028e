using System.Reactive.Linq;
using System.Reactive.Subjects;
using static RxStreams.Tests.Windows.WindowHarness;

namespace RxStreams.Tests.Windows;

public class TumblingWindowsTest
{
    private static readonly Func<IObservable<StreamElement<string>>, IObservable<StreamElement<WindowResult<string, long>>>> CountPer5 =
        s => s.KeyBy(K).Window(TumblingEventTimeWindows.Of(Ms(5))).Count();

    [Fact]
    public void KeyedCountsFireInTimerOrderBeforeTheWatermark()
    {
        Assert.Equal(
            "a[0,5)=2@4 b[0,5)=1@4 W5 a[5,10)=2@9 b[5,10)=1@9 W10 Wmax",
            Run("a@1 b@3 a@7 a@2 W5 b@6 a@9 W10", CountPer5));
    }

    [Fact]
    public void SumPerKey()
    {
        Assert.Equal(
            "a[0,5)=3@4 b[0,5)=5@4 W5 a[5,10)=10@9 Wmax",
            Run("a:1@1 b:5@3 a:2@2 W5 a:10@5", s => s.KeyBy(K).Window(TumblingEventTimeWindows.Of(Ms(5))).Sum(V)));
    }

    [Fact]
    public void RecordAtEndMinusOneBelongsToTheWindowAndAtEndToTheNext()
    {
        Assert.Equal("a[0,5)=1@4 W5 a[5,10)=1@9 W10 Wmax", Run("a@4 a@5 W5 W10", CountPer5));
    }

    [Fact]
    public void WindowFiresOnlyWhenTheWatermarkReachesTheEnd()
    {
        // W4 does not fire [0,5); a@4 is still on time at W4 (exclusive watermark), and W5 fires.
        Assert.Equal("W4 a[0,5)=2@4 W5 Wmax", Run("a@4 W4 a@4 W5", CountPer5));
    }

    [Fact]
    public void RecordAtEndMinusOneAfterTheWindowFiredIsLate()
    {
        var counters = new WindowCounters();
        var late = new SideOutput<Record<string>>("late");
        var dropped = new List<Record<string>>();
        using var _ = late.Subscribe(dropped.Add);
        Assert.Equal("a[0,5)=1@4 W5 a[5,10)=1@9 Wmax", Run("a@4 W5 a@4 a@5", s => s
            .KeyBy(K).Window(TumblingEventTimeWindows.Of(Ms(5))).SideOutputLateData(late).WithCounters(counters).Count()));
        Assert.Equal(["a@4"], dropped.Select(r => r.ToString()));
        Assert.Equal(1, counters.LateRecordsDropped);
        Assert.Equal(1, late.Count);
    }

    [Fact]
    public void OutOfOrderRecordsWithinTheWatermarkAreCounted()
    {
        Assert.Equal("W6 a[5,10)=3@9 W10 Wmax", Run("a@8 W6 a@6 a@9 W10", CountPer5));
    }

    [Fact]
    public void PositiveOffsetShiftsTheAlignment()
    {
        Assert.Equal(
            "a[-3,2)=1@1 a[2,7)=2@6 a[7,12)=1@11 W12 Wmax",
            Run("a@1 a@2 a@6 a@7 W12", s => s.KeyBy(K).Window(TumblingEventTimeWindows.Of(Ms(5), Ms(2))).Count()));
    }

    [Fact]
    public void NegativeOffsetShiftsTheAlignment()
    {
        Assert.Equal(
            "a[-2,3)=2@2 W3 a[3,8)=1@7 W8 Wmax",
            Run("a@-2 a@2 a@3 W3 W8", s => s.KeyBy(K).Window(TumblingEventTimeWindows.Of(Ms(5), Ms(-2))).Count()));
    }

    [Fact]
    public void NegativeTimestampsUseFloorAlignment()
    {
        Assert.Equal(
            "W-6 a[-10,-5)=2@-6 a[-5,0)=2@-1 W1 a[0,5)=1@4 Wmax",
            Run("a@-7 a@-5 W-6 a@-6 a@-1 a@0 W1", CountPer5));
    }

    [Fact]
    public void StartOfAlignsToTheEpochPlusOffset()
    {
        Assert.Equal(0, TimeWindow.StartOf(4, 0, 5));
        Assert.Equal(5, TimeWindow.StartOf(5, 0, 5));
        Assert.Equal(-5, TimeWindow.StartOf(-1, 0, 5));
        Assert.Equal(-5, TimeWindow.StartOf(-5, 0, 5));
        Assert.Equal(-10, TimeWindow.StartOf(-6, 0, 5));
        Assert.Equal(-3, TimeWindow.StartOf(1, 2, 5));
        Assert.Equal(2, TimeWindow.StartOf(2, 2, 5));
        Assert.Equal(-2, TimeWindow.StartOf(0, -2, 5));
        Assert.Equal(3, TimeWindow.StartOf(3, -2, 5));
        Assert.Equal(4, new TimeWindow(0, 5).MaxTimestamp);
        Assert.Equal("[0,5)", new TimeWindow(0, 5).ToString());
        Assert.Equal("[global)", TimeWindow.Global.ToString());
    }

    [Fact]
    public void WindowAllCountsTheWholeStreamUnderTheUnitKey()
    {
        Assert.Equal(
            "()[0,5)=2@4 W5 ()[5,10)=1@9 W10 Wmax",
            Run("a@1 b@2 c@6 W5 W10", s => s.WindowAll(TumblingEventTimeWindows.Of(Ms(5))).Count()));
    }

    [Fact]
    public void CompletionFiresEveryPendingWindow()
    {
        var run = Collect("a@1 b@12 a@30", CountPer5);
        Assert.Equal("a[0,5)=1@4 b[10,15)=1@14 a[30,35)=1@34 Wmax", run.Text);
        Assert.True(run.Completed);
    }

    [Fact]
    public void ControlElementsAreForwardedAndWatermarksOnlyWhenTheyAdvance()
    {
        Assert.Equal(
            "Idle Active B7 W3 a[0,5)=2@4 W5 B8 Wmax",
            Run("a@1 Idle Active B7 W3 W3 W2 a@2 W5 B8", CountPer5));
    }

    [Fact]
    public void LiveWindowsDropToZeroAsTheWatermarkPasses()
    {
        var counters = new WindowCounters();
        var input = new Subject<StreamElement<string>>();
        var output = input.KeyBy(K).Window(TumblingEventTimeWindows.Of(Ms(5))).WithCounters(counters).Count();
        var live = new List<long>();
        var elements = new List<StreamElement<WindowResult<string, long>>>();
        using var _ = output.Subscribe(elements.Add);
        foreach (var step in new[] { "a@1 b@2 a@6", "W4", "W5", "a@9", "W10" })
        {
            foreach (var e in RxStreams.Testing.StreamDescription.Parse(step))
            {
                input.OnNext(e);
            }

            live.Add(counters.LiveWindows);
        }

        Assert.Equal([3L, 3, 1, 1, 0], live);
        Assert.Equal(3, counters.Firings);
        Assert.Equal(0, counters.LateRecordsDropped);
        Assert.Equal("W4 a[0,5)=1@4 b[0,5)=1@4 W5 a[5,10)=2@9 W10", RxStreams.Testing.StreamDescription.Format(elements));
    }

    [Fact]
    public void WithEventTimeFromAPlainObservableDrivesTheWindows()
    {
        var records = new[] { ("a", 1L), ("a", 4L), ("a", 3L), ("b", 6L), ("a", 5L), ("a", 12L) };
        var output = new List<StreamElement<WindowResult<string, long>>>();
        records.ToObservable()
            .WithEventTime(r => r.Item2, WatermarkStrategy.ForBoundedOutOfOrderness(Ms(2)))
            .KeyBy(r => r.Item1)
            .Window(TumblingEventTimeWindows.Of(Ms(5)))
            .Count()
            .Subscribe(output.Add);
        Assert.Equal(
            "W-1 W2 W4 a[0,5)=3@4 b[5,10)=1@9 a[5,10)=1@9 W10 a[10,15)=1@14 Wmax",
            RxStreams.Testing.StreamDescription.Format(output));
    }
}
