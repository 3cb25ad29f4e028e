using System.Reactive.Subjects;
using Microsoft.Reactive.Testing;
using static RxStreams.Tests.Windows.WindowHarness;

namespace RxStreams.Tests.Windows;

/// <summary>
/// Scenarios of Flink's <c>WindowOperatorTest</c>, transcribed as data. Flink's processing clock starts at 0; the
/// <see cref="TestScheduler"/>'s starts at <see cref="WindowHarness.TestSchedulerEpochMs"/>, a multiple of every
/// window size used here, so the windows and timestamps are Flink's shifted by that base.
/// </summary>
public class FlinkWindowOperatorPortTest
{
    private const long B = TestSchedulerEpochMs;

    private static string W(long start, long end) => $"[{B + start},{B + end})";

    private static string Ts(long ms) => (B + ms).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Flink's <c>testProcessingTimeTumblingWindows</c>: results at 2999 and 5999, when the clock reaches them.</summary>
    [Fact]
    public void ProcessingTimeTumblingWindowsFireAtTheirLastTimestamp()
    {
        var scheduler = new TestScheduler();
        var input = new Subject<StreamElement<string>>();
        var output = new TimedCollector<WindowResult<string, int>>(scheduler);
        using var _ = input.KeyBy(K).Window(TumblingProcessingTimeWindows.Of(Ms(3000), scheduler)).Sum(V).Subscribe(output);
        scheduler.At(3, input, "key2:1@9223372036854775807 key2:1@7000 key2:1@7000 key1:1@7000 key1:1@7000");
        scheduler.At(5000, input, "key1:1@7000 key1:1@7000 key1:1@7000");
        scheduler.AdvanceTo(Ms(7000).Ticks);
        Assert.Equal(
            $"2999:key2{W(0, 3000)}=3@{Ts(2999)} 2999:key1{W(0, 3000)}=2@{Ts(2999)} 5999:key1{W(3000, 6000)}=3@{Ts(5999)}",
            output.Text);
    }

    /// <summary>Flink's <c>testProcessingTimeSessionWindows</c>: sessions of 3 s merge and fire at their last timestamp.</summary>
    [Fact]
    public void ProcessingTimeSessionWindowsFireAtTheirLastTimestamp()
    {
        var scheduler = new TestScheduler();
        var input = new Subject<StreamElement<string>>();
        var output = new TimedCollector<WindowResult<string, int>>(scheduler);
        using var _ = input.KeyBy(K).Window(ProcessingTimeSessionWindows.WithGap(Ms(3000), scheduler)).Sum(V).Subscribe(output);
        scheduler.At(3, input, "key2:1@1");
        scheduler.At(1000, input, "key2:1@1002");
        scheduler.At(5000, input, "key2:1@5000 key2:1@5000 key1:1@5000 key1:1@5000 key1:1@5000");
        scheduler.AdvanceTo(Ms(10000).Ticks);
        Assert.Equal(
            $"3999:key2{W(3, 4000)}=2@{Ts(3999)} 7999:key2{W(5000, 8000)}=2@{Ts(7999)} 7999:key1{W(5000, 8000)}=3@{Ts(7999)}",
            output.Text);
    }

    /// <summary>
    /// Flink's <c>testCountTrigger</c>: global windows under a purging count trigger of 4 emit at <c>Long.MAX_VALUE</c>,
    /// the global window's max timestamp (no end − 1 for the window of all time).
    /// </summary>
    [Fact]
    public void GlobalWindowResultsCarryLongMaxValue()
    {
        var run = Collect(
            "key2:1@3000 key2:1@3999 key1:1@20 key1:1@0 key1:1@999 key2:1@1998 key2:1@1999 key2:1@1000 key1:1@10999 key2:1@1000 key2:1@1000 key2:1@1000",
            s => s.KeyBy(K).Window(GlobalWindows.Create()).Trigger(WindowTrigger.Count(4).Purging()).Sum(V));
        Assert.Equal("key2[global)=4@9223372036854775807 key1[global)=4@9223372036854775807 key2[global)=4#1@9223372036854775807 Wmax", run.Text);
        Assert.All(run.Values, r => Assert.Equal(long.MaxValue, r.Window.MaxTimestamp));
    }
}
