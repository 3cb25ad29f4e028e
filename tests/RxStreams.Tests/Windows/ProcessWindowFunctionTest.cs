using System.Reactive;
using static RxStreams.Tests.Windows.WindowHarness;

namespace RxStreams.Tests.Windows;

public class ProcessWindowFunctionTest
{
    /// <summary>Emits the window's sum, and each value above 1 on its own.</summary>
    private sealed class SumAndLarge : ProcessWindowFunction<string, string, string, Unit>
    {
        public override void Process(IReadOnlyList<string> elements, ProcessWindowContext<string, string, Unit> context)
        {
            var sum = 0;
            foreach (var element in elements)
            {
                sum += V(element);
            }

            context.Collect("sum" + sum);
            foreach (var element in elements)
            {
                if (V(element) > 1)
                {
                    context.Collect("big" + V(element));
                }
            }
        }
    }

    /// <summary>Emits nothing for an even sum: a firing may have no result.</summary>
    private sealed class OddSums : ProcessWindowFunction<string, string, int, Unit>
    {
        public override void Process(IReadOnlyList<string> elements, ProcessWindowContext<string, int, Unit> context)
        {
            var sum = elements.Sum(V);
            if (sum % 2 == 1)
            {
                context.Collect(sum);
            }
        }
    }

    /// <summary>Counts its firings per window in the per-window state; reports key, window, watermark; logs Clear.</summary>
    private sealed class FiringCounter(List<string> log) : ProcessWindowFunction<string, string, string, int>
    {
        public override void Process(IReadOnlyList<string> elements, ProcessWindowContext<string, string, int> context)
        {
            context.WindowState++;
            context.Collect($"{context.Key}{context.Window} n={elements.Count} firing={context.WindowState} wm={context.CurrentWatermark}");
        }

        public override void Clear(ProcessWindowContext<string, string, int> context) =>
            log.Add($"clear {context.Key}{context.Window} after {context.WindowState} firings at wm={context.CurrentWatermark}");
    }

    /// <summary>
    /// Flink's <c>WindowOperatorTest.testTumblingEventTimeWindows</c> (run there with a process function too): windows of
    /// 3 s; Flink's watermarks 999, 1999, 2999, … are 1000, 2000, 3000, … here.
    /// </summary>
    [Fact]
    public void TumblingEventTimeWindowsPortedFromFlink()
    {
        var run = Collect(
            "key2:1@3999 key2:1@3000 key1:1@20 key1:1@0 key1:1@999 key2:1@1998 key2:1@1999 key2:1@1000 W1000 W2000 W3000 W4000 W5000 W6000 W7000 W8000",
            s => s.KeyBy(K).Window(TumblingEventTimeWindows.Of(Ms(3000))).Process(new SumAndLarge()));
        Assert.Equal(
            "W1000 W2000 key1[0,3000)=sum3@2999 key2[0,3000)=sum3@2999 W3000 W4000 W5000 key2[3000,6000)=sum2@5999 W6000 W7000 W8000 Wmax",
            run.Text);
    }

    [Fact]
    public void AFiringEmitsZeroOrMoreResultsThatShareItsWindowAndIndex()
    {
        var run = Collect(
            "a:1@1 a:5@2 a:7@3 b:2@4 W10 a:2@12 W20",
            s => s.KeyBy(K).Window(TumblingEventTimeWindows.Of(Ms(10))).AllowedLateness(Ms(20)).Process(new SumAndLarge()));
        Assert.Equal(
            "a[0,10)=sum13@9 a[0,10)=big5@9 a[0,10)=big7@9 b[0,10)=sum2@9 b[0,10)=big2@9 W10 a[10,20)=sum2@19 a[10,20)=big2@19 W20 Wmax",
            run.Text);
        Assert.Equal(Enumerable.Repeat(0, 7), run.Values.Select(r => r.FiringIndex));

        var odd = Collect(
            "a:1@1 a:2@2 W10 b:2@3 a:2@4 a:2@5",
            s => s.KeyBy(K).Window(TumblingEventTimeWindows.Of(Ms(10))).AllowedLateness(Ms(20)).Process(new OddSums()));

        // b's late firing has an even sum: no result.
        Assert.Equal("a[0,10)=3@9 W10 a[0,10)=5~late#1@9 a[0,10)=7~late#2@9 Wmax", odd.Text);
        Assert.Equal([false, true, true], odd.Values.Select(r => r.ReplacesPrevious));
    }

    /// <summary>
    /// The window [0,10) fires early twice (purging), its on-time firing finds it purged, and a late record fires it a
    /// third time: the firing count in its state survives the purges; Clear sees it when the window is freed at 15.
    /// </summary>
    [Fact]
    public void PerWindowStateSurvivesPurgesAndIsClearedWithTheWindow()
    {
        var log = new List<string>();
        var run = Collect(
            "a@1 a@2 a@3 W5 a@4 W10 a@6 W15 b@20 W40",
            s => s.KeyBy(K).Window(TumblingEventTimeWindows.Of(Ms(10))).AllowedLateness(Ms(5))
                .Trigger(WindowTrigger.EventTime().WithEarlyFirings(2).Purging()).Process(new FiringCounter(log)));
        Assert.Equal(
            "a[0,10)=a[0,10) n=2 firing=1 wm=-9223372036854775808~early@9 W5 "
            + "a[0,10)=a[0,10) n=2 firing=2 wm=5~early#1@9 W10 "
            + "a[0,10)=a[0,10) n=1 firing=3 wm=10#2@9 W15 "
            + "b[20,30)=b[20,30) n=1 firing=1 wm=40@29 W40 Wmax",
            run.Text);
        Assert.Equal(["clear a[0,10) after 3 firings at wm=15", "clear b[20,30) after 1 firings at wm=40"], log);
    }

    [Fact]
    public void SessionWindowsHaveNoPerWindowStateAsInFlink()
    {
        var run = Collect("a@1 a@2 W100", s => s.KeyBy(K).Window(EventTimeSessionWindows.WithGap(Ms(5))).Process(new FiringCounter([])));
        var error = Assert.IsType<StreamOperatorException>(run.Error);
        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Contains("merging (session) windows", error.InnerException!.Message);
    }

    [Fact]
    public void ClearCannotCollect()
    {
        var run = Collect("a@1 W100", s => s.KeyBy(K).Window(TumblingEventTimeWindows.Of(Ms(10))).Process(new CollectingInClear()));
        var error = Assert.IsType<StreamOperatorException>(run.Error);
        Assert.Contains("Clear cannot collect", error.InnerException!.Message);
    }

    private sealed class CollectingInClear : ProcessWindowFunction<string, string, string, Unit>
    {
        public override void Process(IReadOnlyList<string> elements, ProcessWindowContext<string, string, Unit> context) => context.Collect("x");

        public override void Clear(ProcessWindowContext<string, string, Unit> context) => context.Collect("y");
    }
    /// <summary>
    /// Flink's <c>SideOutputITCase.testProcessdWindowFunctionSideOutput</c>: records 1, 2, 5, 3, 4 keyed by themselves in
    /// tumbling windows of 1 ms, the watermark following each record (Flink's punctuated watermark w is w + 1 here), so 3
    /// and 4 are late. Each firing collects its key and sends "sideout-key" to a side output.
    /// </summary>
    [Fact]
    public void SideOutputsPortedFromFlink()
    {
        var side = new SideOutput<string>("side");
        var sideItems = new List<string>();
        using var _ = side.Subscribe(sideItems.Add);
        var run = Collect(
            "1@1 W2 2@2 W3 5@5 W6 3@3 W6 4@4 W6",
            s => s.KeyBy(K).Window(TumblingEventTimeWindows.Of(Ms(1))).Process(new KeyAndSideOutput(side)));
        Assert.Equal("1[1,2)=1@1 W2 2[2,3)=2@2 W3 5[5,6)=5@5 W6 Wmax", run.Text);
        Assert.Equal(["sideout-1", "sideout-2", "sideout-5"], sideItems);
        Assert.Equal(3, side.Count);
    }

    /// <summary>
    /// A running total per key across its windows in the global state (Flink's <c>globalState()</c>), declared in Open:
    /// a's windows see 2, then 3, then 4; b's 1, then 2. The per-window state of each window starts afresh.
    /// </summary>
    [Fact]
    public void GlobalStateOutlivesTheKeysWindows()
    {
        var log = new List<string>();
        var run = Collect(
            "a@1 a@2 b@3 W10 a@12 W20 a@25 b@26 W30",
            s => s.KeyBy(K).Window(TumblingEventTimeWindows.Of(Ms(10))).Process(new RunningTotal(log)));
        Assert.Equal(
            "a[0,10)=2 of 2@9 b[0,10)=1 of 1@9 W10 a[10,20)=1 of 3@19 W20 a[20,30)=1 of 4@29 b[20,30)=1 of 2@29 W30 Wmax",
            run.Text);

        // Clear sees the global state of its key.
        Assert.Equal(["clear a[0,10) total 2", "clear b[0,10) total 1", "clear a[10,20) total 3", "clear a[20,30) total 4", "clear b[20,30) total 2"], log);
    }

    [Fact]
    public void ASideOutputSubscribersFailureReachesTheProducerAsItWas()
    {
        var side = new SideOutput<string>("side");
        var boom = new InvalidOperationException("subscriber");
        using var _ = side.Subscribe(_ => throw boom);
        var thrown = Assert.Throws<InvalidOperationException>(() => Collect(
            "1@1 W2", s => s.KeyBy(K).Window(TumblingEventTimeWindows.Of(Ms(1))).Process(new KeyAndSideOutput(side))));
        Assert.Same(boom, thrown);
    }

    [Fact]
    public void OpenFailingFailsTheSubscriptionNamingTheOperator()
    {
        var error = Assert.Throws<StreamOperatorException>(() => Collect(
            "a@1", s => s.KeyBy(K).Window(TumblingEventTimeWindows.Of(Ms(10))).Process(new FailsToOpen())));
        Assert.Equal("WindowProcess failed: Opening 'WindowProcess' failed: no", error.Message);
        Assert.Equal("no", error.InnerException!.Message);
    }

    /// <summary>Collects the key as a number and sends "sideout-key" to the side output.</summary>
    private sealed class KeyAndSideOutput(SideOutput<string> side) : ProcessWindowFunction<string, string, int, Unit>
    {
        public override void Process(IReadOnlyList<string> elements, ProcessWindowContext<string, int, Unit> context)
        {
            context.Collect(int.Parse(context.Key, System.Globalization.CultureInfo.InvariantCulture));
            context.Output(side, "sideout-" + context.Key);
        }
    }

    /// <summary>Counts the key's records across windows in a global value state.</summary>
    private sealed class RunningTotal(List<string> log) : ProcessWindowFunction<string, string, string, Unit>
    {
        private static readonly ValueStateDescriptor<long> Total = new("total");

        public override void Open(RuntimeContext context) => context.GetState(Total);

        public override void Process(IReadOnlyList<string> elements, ProcessWindowContext<string, string, Unit> context)
        {
            var total = context.GlobalState.GetState(Total);
            total.Value += elements.Count;
            context.Collect($"{elements.Count} of {total.Value}");
        }

        public override void Clear(ProcessWindowContext<string, string, Unit> context) =>
            log.Add($"clear {context.Key}{context.Window} total {context.GlobalState.GetState(Total).Value}");
    }

    private sealed class FailsToOpen : ProcessWindowFunction<string, string, string, Unit>
    {
        public override void Open(RuntimeContext context) => throw new InvalidOperationException("no");

        public override void Process(IReadOnlyList<string> elements, ProcessWindowContext<string, string, Unit> context)
        {
        }
    }
}
