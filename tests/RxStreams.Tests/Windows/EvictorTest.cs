using static RxStreams.Tests.Windows.WindowHarness;

namespace RxStreams.Tests.Windows;

public class EvictorTest
{
    private static WindowedStream<string, string> Tumbling10(IObservable<StreamElement<string>> s) =>
        s.KeyBy(K).Window(TumblingEventTimeWindows.Of(Ms(10)));

    [Fact]
    public void KeepLastKeepsTheLastRecordsInArrivalOrder()
    {
        Assert.Equal(
            "a[0,10)=a:3,a:1@9 b[0,10)=b:5@9 W10 Wmax",
            Run("a:2@5 a:3@1 b:5@2 a:1@4 W10", s => Tumbling10(s).Evictor(WindowEvictor.KeepLast(2))
                .Process((_, _, records) => string.Join(",", records))));
    }

    [Fact]
    public void AggregationsWithAnEvictorSeeOnlyTheKeptRecords()
    {
        Assert.Equal(
            "a[0,10)=5@9 W10 Wmax",
            Run("a:1@1 a:2@2 a:3@3 W10", s => Tumbling10(s).Evictor(WindowEvictor.KeepLast(2)).Sum(V)));
        Assert.Equal(
            "a[0,10)=2@9 W10 Wmax",
            Run("a:1@1 a:2@2 a:3@3 W10", s => Tumbling10(s).Evictor(WindowEvictor.KeepLast(2)).Count()));
    }

    [Fact]
    public void KeepWithinKeepsRecordsNewerThanMaxMinusSpan()
    {
        // Newest is 7: records with t > 7 - 3 = 4 stay (5, 6, 7); t = 4 is evicted.
        Assert.Equal(
            "a[0,10)=a:2,a:3,a:4@9 W10 Wmax",
            Run("a:9@1 a:2@5 a:8@4 a:3@6 a:4@7 W10", s => Tumbling10(s).Evictor(WindowEvictor.KeepWithin(Ms(3)))
                .Process((_, _, records) => string.Join(",", records))));
    }

    [Fact]
    public void KeepWithinNearTheStartOfTimeClampsItsCutoffInsteadOfWrapping()
    {
        // Newest is min+3: max − 5 lies before long.MinValue, so the cutoff is long.MinValue and both records stay.
        var min = long.MinValue;
        Assert.Equal(
            $"a[{min},{min + 8})=a:1,a:2@{min + 7} W0 Wmax",
            Run($"a:1@{min + 1} a:2@{min + 3} W0", s => Tumbling10(s).Evictor(WindowEvictor.KeepWithin(Ms(5)))
                .Process((_, _, records) => string.Join(",", records))));
    }

    [Fact]
    public void EvictionIsPermanentAcrossFirings()
    {
        Assert.Equal(
            "a[0,10)=2~early@9 a[0,10)=4~early#1@9 W10 Wmax",
            Run("a:1@1 a:2@2 a:3@3 a:4@4 W10", s => Tumbling10(s).Evictor(WindowEvictor.KeepLast(1)).Trigger(WindowTrigger.Count(2)).Sum(V)));
    }

    [Fact]
    public void EvictorAppliesToLateFirings()
    {
        Assert.Equal(
            "a[0,10)=5@9 W10 a[0,10)=7~late#1@9 Wmax",
            Run("a:1@1 a:2@2 a:3@3 W10 a:4@4", s => Tumbling10(s).AllowedLateness(Ms(5)).Evictor(WindowEvictor.KeepLast(2)).Sum(V)));
    }

    [Fact]
    public void EvictorWithSessionMerging()
    {
        Assert.Equal(
            "a[0,12)=3@11 W20 Wmax",
            Run("a:1@0 a:2@7 a:3@4 W20", s => s.KeyBy(K).Window(EventTimeSessionWindows.WithGap(Ms(5)))
                .Evictor(WindowEvictor.KeepLast(1)).Sum(V)));
    }

    [Fact]
    public void EvictorArgumentsAreValidated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WindowEvictor.KeepLast(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => WindowEvictor.KeepWithin(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => WindowEvictor.KeepWithin(Ms(-1)));
    }
}
