using System.Reactive.Concurrency;
using System.Reactive.Subjects;
using Microsoft.Reactive.Testing;
using static RxStreams.Tests.Windows.WindowHarness;

namespace RxStreams.Tests.Windows;

/// <summary>Custom window assigners, staggered tumbling processing-time windows and dynamic-gap processing-time sessions.</summary>
public class CustomAssignersAndStaggerTest
{
    private const long B = TestSchedulerEpochMs;

    private static string W(long start, long end) => $"[{B + start},{B + end})";

    private static string Ts(long ms) => (B + ms).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Flink's <c>PointSessionWindows</c> of <c>WindowOperatorTest</c>: a record of value 33 opens the empty window [t, t).</summary>
    private sealed class PointSessionWindows(long gap) : WindowAssigner<string>
    {
        public override bool IsEventTime => true;

        public override bool IsMerging => true;

        public override WindowTrigger DefaultTrigger => WindowTrigger.EventTime();

        public override void AssignWindows(string element, long timestamp, ICollection<TimeWindow> windows) =>
            windows.Add(new TimeWindow(timestamp, V(element) == 33 ? timestamp : timestamp + gap));
    }

    /// <summary>Flink's <c>WindowOperatorTest.testPointSessions</c>: point windows merge into the sessions they touch.</summary>
    [Fact]
    public void PointSessionsPortedFromFlink()
    {
        Assert.Equal(
            "key2[0,3000)=67@2999 key1[10,4000)=36@3999 W12001 Wmax",
            Run(
                "key2:1@0 key2:33@1000 key2:33@2500 key1:1@10 key1:2@1000 key1:33@2500 W12001",
                s => s.KeyBy(K).Window(new PointSessionWindows(3000)).Sum(V)));
    }

    /// <summary>Records whose value is even go to the window of its value, odd ones to none; two windows for a value above 100.</summary>
    private sealed class ByValue : WindowAssigner<string>
    {
        public override bool IsEventTime => true;

        public override WindowTrigger DefaultTrigger => WindowTrigger.EventTime();

        public override void AssignWindows(string element, long timestamp, ICollection<TimeWindow> windows)
        {
            var v = V(element);
            if (v % 2 == 0)
            {
                windows.Add(new TimeWindow(v, v + 10));
                if (v > 100)
                {
                    windows.Add(new TimeWindow(0, 10));
                }
            }
        }
    }

    [Fact]
    public void ACustomAssignerSeesTheRecordAndMayAssignNoOrSeveralWindows()
    {
        var counters = new WindowCounters();
        Assert.Equal(
            "a[0,10)=2@9 a[20,30)=1@29 W30 a[102,112)=1@111 Wmax",
            Run("a:0@1 a:3@2 a:20@3 a:102@4 W30", s => s.KeyBy(K).Window(new ByValue()).WithCounters(counters).Count()));
        Assert.Equal(1, counters.RecordsOutsideWindows);
    }

    [Fact]
    public void ACustomAssignerOfAnotherRecordTypeIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new Subject<StreamElement<int>>().KeyBy(i => i).Window(new ByValue()));
        Assert.Equal("assigner", error.ParamName);
        Assert.Contains("assigns records of String, but the stream's records are Int32", error.Message);
    }

    /// <summary>A processing-time custom assigner: windows of 10 ms of its clock.</summary>
    private sealed class TenMsOfTheClock(IScheduler clock) : WindowAssigner<string>(clock)
    {
        public override bool IsEventTime => false;

        public override WindowTrigger DefaultTrigger => WindowTrigger.ProcessingTime();

        public override void AssignWindows(string element, long timestamp, ICollection<TimeWindow> windows) =>
            windows.Add(new TimeWindow(TimeWindow.StartOf(CurrentProcessingTime, 0, 10), TimeWindow.StartOf(CurrentProcessingTime, 0, 10) + 10));
    }

    [Fact]
    public void ACustomProcessingTimeAssignerUsesItsClock()
    {
        var scheduler = new TestScheduler();
        var input = new Subject<StreamElement<string>>();
        var output = new TimedCollector<WindowResult<string, long>>(scheduler);
        using var _ = input.KeyBy(K).Window(new TenMsOfTheClock(scheduler)).Count().Subscribe(output);
        scheduler.At(3, input, "a@0 a@500");
        scheduler.At(12, input, "a@0");
        scheduler.AdvanceTo(Ms(50).Ticks);
        Assert.Equal($"9:a{W(0, 10)}=2@{Ts(9)} 19:a{W(10, 20)}=1@{Ts(19)}", output.Text);
    }

    /// <summary>
    /// Flink's <c>TumblingProcessingTimeWindowsTest.testWindowAssignmentWithStagger</c> (NATURAL, 5 s): the first record
    /// at 150 ms aligns the windows to 150, so 5099 is still in [150, 5150) and 5300 in [5150, 10150).
    /// </summary>
    [Fact]
    public void NaturalStaggerAlignsToTheFirstRecord()
    {
        var scheduler = new TestScheduler();
        var input = new Subject<StreamElement<string>>();
        var output = new TimedCollector<WindowResult<string, long>>(scheduler);
        using var _ = input.KeyBy(K).Window(TumblingProcessingTimeWindows.Of(Ms(5000), scheduler, TimeSpan.Zero, WindowStagger.Natural))
            .Count().Subscribe(output);
        scheduler.At(150, input, "a@0");
        scheduler.At(5099, input, "a@0");
        scheduler.At(5300, input, "a@0");
        scheduler.AdvanceTo(Ms(20000).Ticks);
        Assert.Equal($"5149:a{W(150, 5150)}=2@{Ts(5149)} 10149:a{W(5150, 10150)}=1@{Ts(10149)}", output.Text);
    }

    [Fact]
    public void AlignedStaggerIsThePlainAlignmentAndRandomStaysWithinTheSize()
    {
        var scheduler = new TestScheduler();
        var input = new Subject<StreamElement<string>>();
        var aligned = new TimedCollector<WindowResult<string, long>>(scheduler);
        var random = new List<WindowResult<string, long>>();
        using var a = input.KeyBy(K).Window(TumblingProcessingTimeWindows.Of(Ms(100), scheduler, Ms(7), WindowStagger.Aligned)).Count().Subscribe(aligned);
        using var r = input.KeyBy(K).Window(TumblingProcessingTimeWindows.Of(Ms(100), scheduler, TimeSpan.Zero, WindowStagger.Random)).Count()
            .Subscribe(e => { if (e.IsRecord) { random.Add(e.Value); } });
        scheduler.At(50, input, "a@0");
        scheduler.At(250, input, "a@0");
        scheduler.AdvanceTo(Ms(1000).Ticks);
        Assert.Equal($"106:a{W(7, 107)}=1@{Ts(106)} 306:a{W(207, 307)}=1@{Ts(306)}", aligned.Text);

        // Whatever the random offset, both windows share it: 100 ms long, 200 ms apart, the first containing 50.
        Assert.Equal(2, random.Count);
        Assert.All(random, w => Assert.Equal(100, w.Window.End - w.Window.Start));
        Assert.Equal(200, random[1].Window.Start - random[0].Window.Start);
        Assert.InRange(B + 50 - random[0].Window.Start, 0, 99);
    }

    /// <summary>
    /// Flink's <c>DynamicProcessingTimeSessionWindowsTest.testWindowAssignment</c> (gap 5000 at 0, 4999 and 5000) run
    /// through the operator: the session [0, 5000) fires when the clock reaches 4999, before that record arrives; the
    /// sessions [4999, 9999) and [5000, 10000) merge.
    /// </summary>
    [Fact]
    public void DynamicGapProcessingTimeSessions()
    {
        var scheduler = new TestScheduler();
        var input = new Subject<StreamElement<string>>();
        var output = new TimedCollector<WindowResult<string, long>>(scheduler);
        using var _ = input.KeyBy(K).Window(ProcessingTimeSessionWindows.WithDynamicGap<string>(r => Ms(V(r)), scheduler)).Count().Subscribe(output);
        scheduler.At(0, input, "a:5000@0");
        scheduler.At(4999, input, "a:5000@0");
        scheduler.At(5000, input, "a:5000@0 b:10@0");
        scheduler.AdvanceTo(Ms(20000).Ticks);
        Assert.Equal($"4999:a{W(0, 5000)}=1@{Ts(4999)} 5009:b{W(5000, 5010)}=1@{Ts(5009)} 9999:a{W(4999, 10000)}=2@{Ts(9999)}", output.Text);
    }
}
