using static RxStreams.Tests.Windows.WindowHarness;

namespace RxStreams.Tests.Windows;

public class SlidingWindowsTest
{
    private static readonly Func<IObservable<StreamElement<string>>, IObservable<StreamElement<WindowResult<string, long>>>> Size10Slide5 =
        s => s.KeyBy(K).Window(SlidingEventTimeWindows.Of(Ms(10), Ms(5))).Count();

    [Fact]
    public void RecordBelongsToEveryWindowStartingInTheLastSize()
    {
        Assert.Equal(
            "a[0,10)=1@9 W10 a[5,15)=2@14 W15 a[10,20)=1@19 W20 Wmax",
            Run("a@7 a@12 W10 W15 W20", Size10Slide5));
    }

    [Fact]
    public void BoundariesOfSlidingWindows()
    {
        // a@4 is in [-5,5) and [0,10); a@5 in [0,10) and [5,15); a@9 in [0,10) and [5,15); a@10 in [5,15) and [10,20).
        Assert.Equal(
            "a[-5,5)=1@4 a[0,10)=3@9 a[5,15)=3@14 a[10,20)=1@19 W30 Wmax",
            Run("a@4 a@5 a@9 a@10 W30", Size10Slide5));
    }

    [Fact]
    public void SlideNotDividingTheSizeGivesRoundedUpWindowsPerRecord()
    {
        Assert.Equal(
            "a[0,10)=1@9 a[4,14)=1@13 a[8,18)=1@17 W20 Wmax",
            Run("a@9 W20", s => s.KeyBy(K).Window(SlidingEventTimeWindows.Of(Ms(10), Ms(4))).Count()));
    }

    [Fact]
    public void OffsetShiftsTheSlides()
    {
        Assert.Equal(
            "a[-8,2)=1@1 a[-3,7)=1@6 a[2,12)=1@11 a[7,17)=1@16 W20 Wmax",
            Run("a@1 a@7 W20", s => s.KeyBy(K).Window(SlidingEventTimeWindows.Of(Ms(10), Ms(5), Ms(2))).Count()));
    }

    [Fact]
    public void NegativeTimestamps()
    {
        Assert.Equal(
            "a[-20,-10)=1@-11 a[-15,-5)=1@-6 a[-10,0)=1@-1 a[-5,5)=1@4 W10 Wmax",
            Run("a@-3 a@-12 W10", Size10Slide5));
    }

    [Fact]
    public void KeysAreSeparateAndOutOfOrderRecordsWithinTheWatermarkCount()
    {
        Assert.Equal(
            "W5 a[0,10)=2@9 b[0,10)=1@9 W10 a[5,15)=2@14 b[5,15)=1@14 Wmax",
            Run("a@8 b@9 W5 a@6 W10", Size10Slide5));
    }

    [Fact]
    public void SumOverSlidingWindows()
    {
        Assert.Equal(
            "a[-5,5)=1@4 a[0,10)=3@9 a[5,15)=2@14 Wmax",
            Run("a:1@3 a:2@7", s => s.KeyBy(K).Window(SlidingEventTimeWindows.Of(Ms(10), Ms(5))).Sum(V)));
    }

    [Fact]
    public void WindowAllSliding()
    {
        Assert.Equal(
            "()[-5,5)=1@4 ()[0,10)=2@9 ()[5,15)=1@14 W20 Wmax",
            Run("x@3 y@8 W20", s => s.WindowAll(SlidingEventTimeWindows.Of(Ms(10), Ms(5))).Count()));
    }

    [Fact]
    public void LatestStartIsAssignedFirst()
    {
        // A count trigger of 1 fires each window as the record is added, so the output shows the assignment order.
        Assert.Equal(
            "a[5,15)=1~early@14 a[0,10)=1~early@9 Wmax",
            Run("a@7", s => s.KeyBy(K).Window(SlidingEventTimeWindows.Of(Ms(10), Ms(5))).Trigger(WindowTrigger.Count(1)).Count()));
    }

    [Fact]
    public void RecordInAnAlreadyFiredWindowStillCountsInTheOpenOnes()
    {
        var counters = new WindowCounters();
        Assert.Equal(
            "a[0,10)=1@9 W10 a[5,15)=2@14 Wmax",
            Run("a@7 W10 a@8", s => s.KeyBy(K).Window(SlidingEventTimeWindows.Of(Ms(10), Ms(5))).WithCounters(counters).Count()));
        Assert.Equal(0, counters.LateRecordsDropped);
        Assert.Equal(0, counters.LiveWindows);
    }
}
