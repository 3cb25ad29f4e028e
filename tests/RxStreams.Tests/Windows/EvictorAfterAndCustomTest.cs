using static RxStreams.Tests.Windows.WindowHarness;

namespace RxStreams.Tests.Windows;

/// <summary>Evicting after the window function, the delta evictor and custom evictors; scenarios of Flink's <c>EvictingWindowOperatorTest</c>.</summary>
public class EvictorAfterAndCustomTest
{
    private const string Max = "9223372036854775807";

    /// <summary>Global windows fired every 2 records per key, as in Flink's evicting-operator tests.</summary>
    private static WindowedStream<string, string> EveryTwo(IObservable<StreamElement<string>> s) =>
        s.KeyBy(K).Window(GlobalWindows.Create()).Trigger(WindowTrigger.Count(2));

    /// <summary>Flink's <c>testCountEvictorEvictAfter</c>: keep 4 after each firing, so a firing sees up to 4 + 2 records.</summary>
    [Fact]
    public void CountEvictorEvictAfter()
    {
        Assert.Equal(
            $"key2[global)=2@{Max} key1[global)=2@{Max} key2[global)=4#1@{Max} key1[global)=4#1@{Max} key2[global)=6#2@{Max} key2[global)=6#3@{Max} Wmax",
            Run(
                "key2:1@3000 key2:1@3999 key1:1@20 key1:1@0 key1:1@999 key2:1@1998 key2:1@1999 key2:1@1000 key1:1@10999 key2:1@1000 key2:1@1000 key2:1@1000",
                s => EveryTwo(s).Evictor(WindowEvictor.KeepLast(4, evictAfter: true)).Sum(V)));
    }

    /// <summary>Flink's <c>testTimeEvictorEvictAfter</c>: after each firing, records 2 s or more older than the newest go.</summary>
    [Fact]
    public void TimeEvictorEvictAfter()
    {
        Assert.Equal(
            $"key2[global)=2@{Max} key1[global)=2@{Max} key2[global)=3#1@{Max} key1[global)=4#1@{Max} key2[global)=5#2@{Max} Wmax",
            Run(
                "key2:1@1000 key2:1@4000 key1:1@20 key1:1@0 key1:1@999 key2:1@3500 key2:1@2001 key2:1@1001 key1:1@10999 key2:1@1002",
                s => EveryTwo(s).Evictor(WindowEvictor.KeepWithin(Ms(2000), evictAfter: true)).Sum(V)));
    }

    /// <summary>Flink's <c>testDeltaEvictorEvictAfter</c> (threshold 2, delta = last − record).</summary>
    [Fact]
    public void DeltaEvictorEvictAfter()
    {
        Assert.Equal(
            $"key2[global)=5@{Max} key1[global)=2@{Max} key2[global)=15#1@{Max} key1[global)=16#1@{Max} key2[global)=22#2@{Max} Wmax",
            Run(
                "key2:1@3000 key2:4@3999 key1:1@20 key1:1@0 key1:5@999 key2:5@1998 key2:6@1999 key2:1@1000 key1:9@10999 key2:10@1000",
                s => EveryTwo(s).Evictor(WindowEvictor.Delta<string>(2, (record, last) => V(last) - V(record), evictAfter: true)).Sum(V)));
    }

    [Fact]
    public void DeltaEvictorEvictBefore()
    {
        // At the firing of a:1 a:4 a:5 a:6 the last is 6: 1 and 4 are 2 or more below it and go before the sum.
        Assert.Equal(
            $"a[global)=4@{Max} a[global)=11#1@{Max} Wmax",
            Run("a:1@1 a:4@2 a:5@3 a:6@4", s => EveryTwo(s).Evictor(WindowEvictor.Delta<string>(2, (record, last) => V(last) - V(record))).Sum(V)));
    }

    /// <summary>A custom evictor that works on any record type: drops records with odd timestamps before and the oldest after.</summary>
    private sealed class OddTimesThenOldest : WindowEvictor
    {
        public override void EvictBefore<T>(List<Record<T>> records, TimeWindow window) => records.RemoveAll(r => r.Timestamp % 2 != 0);

        public override void EvictAfter<T>(List<Record<T>> records, TimeWindow window)
        {
            if (records.Count > 0)
            {
                records.RemoveAt(0);
            }
        }
    }

    /// <summary>A custom evictor that sees the values: keeps values of 10 and more.</summary>
    private sealed class OnlyBig : WindowEvictor<string>
    {
        public override void EvictBefore(List<Record<string>> records, TimeWindow window) => records.RemoveAll(r => V(r.Value) < 10);
    }

    [Fact]
    public void CustomEvictorsRunBeforeAndAfterTheFunction()
    {
        // Firing 1 (after a:4) sees a:2 a:4 (a:3 has an odd time), then a:2 goes; firing 2 (after a:7) sees a:4 a:6.
        Assert.Equal(
            $"a[global)=a:2,a:4@{Max} a[global)=a:4,a:6#1@{Max} Wmax",
            Run("a:2@2 a:3@3 a:4@4 a:5@5 a:6@6 a:7@7 a:8@8", s => s.KeyBy(K).Window(GlobalWindows.Create()).Trigger(WindowTrigger.Count(3))
                .Evictor(new OddTimesThenOldest()).Process((_, _, records) => string.Join(",", records))));
        Assert.Equal(
            "a[0,10)=30@9 W10 Wmax",
            Run("a:1@1 a:10@2 a:20@3 a:3@4 W10", s => s.KeyBy(K).Window(TumblingEventTimeWindows.Of(Ms(10))).Evictor(new OnlyBig()).Sum(V)));
    }

    [Fact]
    public void ATypedEvictorOfAnotherRecordTypeIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new System.Reactive.Subjects.Subject<StreamElement<int>>().KeyBy(i => i).Window(GlobalWindows.Create()).Evictor(new OnlyBig()));
        Assert.Equal("evictor", error.ParamName);
        Assert.Contains("records of String, but this windowed stream's records are Int32", error.Message);
    }
}
