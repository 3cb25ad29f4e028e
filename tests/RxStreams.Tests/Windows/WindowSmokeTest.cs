using System.Reactive.Subjects;
using RxStreams;
using RxStreams.Testing;

namespace RxStreams.Tests.Windows;

public class WindowSmokeTest
{
    private static string Run<TOut>(string input, Func<IObservable<StreamElement<string>>, IObservable<StreamElement<TOut>>> pipeline)
    {
        var subject = new Subject<StreamElement<string>>();
        var output = new List<StreamElement<TOut>>();
        using var _ = pipeline(subject).Subscribe(output.Add);
        foreach (var e in StreamDescription.Parse(input))
        {
            subject.OnNext(e);
        }

        subject.OnCompleted();
        return StreamDescription.Format(output);
    }

    [Fact]
    public void TumblingCountFiresAtWatermarkReachingEnd()
    {
        var counters = new WindowCounters();
        var result = Run("a@1 b@2 a@4 W4 a@5 W5 a@9 W10", s => s
            .KeyBy(x => x)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(5)))
            .WithCounters(counters)
            .Count());
        Assert.Equal("W4 a[0,5)=2@4 b[0,5)=1@4 W5 a[5,10)=2@9 W10 Wmax", result);
        Assert.Equal(0, counters.LiveWindows);
    }

    [Fact]
    public void SessionsMergeAndLateDataGoesToSideOutput()
    {
        var late = new SideOutput<Record<string>>("late");
        var result = Run("a@1 a@10 a@5 W20 a@3", s => s
            .KeyBy(x => x)
            .Window(EventTimeSessionWindows.WithGap(TimeSpan.FromMilliseconds(5)))
            .SideOutputLateData(late)
            .Count());
        Assert.Equal("a[1,15)=3@14 W20 Wmax", result);
        Assert.Equal(1, late.Count);
    }

    [Fact]
    public void AllowedLatenessFiresLateUpdates()
    {
        var result = Run("a@1 W5 a@2 W7 a@3", s => s
            .KeyBy(x => x)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(5)))
            .AllowedLateness(TimeSpan.FromMilliseconds(2))
            .Count());
        Assert.Equal("a[0,5)=1@4 W5 a[0,5)=2~late#1@4 W7 Wmax", result);
    }

    [Fact]
    public void SlidingAndCountWindows()
    {
        Assert.Equal("W5 a[0,10)=1@9 W10 a[5,15)=1@14 W15 Wmax", Run("a@7 W5 W10 W15", s => s
            .KeyBy(x => x)
            .Window(SlidingEventTimeWindows.Of(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(5)))
            .Count()));
        Assert.Equal("a[global)=2@9223372036854775807 a[global)=2#1@9223372036854775807 Wmax", Run("a@1 a@2 a@3 a@4 a@5", s => s
            .KeyBy(x => x)
            .CountWindow(2)
            .Count()));
    }
}

public class WindowQuerySyntaxTest
{
    [Fact]
    public void GroupByInQuerySyntaxGivesAKeyedStreamForWindows()
    {
        var input = new Subject<StreamElement<string>>();
        var output = new List<StreamElement<WindowResult<char, long>>>();
        var counts = (from word in input
                      where word.Length > 1
                      group word by word[0])
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(10)))
            .Count();
        using var _ = counts.Subscribe(output.Add);
        foreach (var e in StreamDescription.Parse("ab@1 x@2 ac@3 bd@4 W10"))
        {
            input.OnNext(e);
        }

        Assert.Equal("a[0,10)=2@9 b[0,10)=1@9 W10", StreamDescription.Format(output));
    }
}

public class SlidingGapTest
{
    [Fact]
    public void ARecordBetweenSlidingWindowsIsCountedOutsideWindowsUnlessItIsLate()
    {
        var input = new Subject<StreamElement<string>>();
        var output = new List<StreamElement<WindowResult<string, long>>>();
        var late = new SideOutput<Record<string>>("late");
        var counters = new WindowCounters();
        using var _ = input
            .KeyBy(x => x)
            .Window(SlidingEventTimeWindows.Of(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(10)))
            .SideOutputLateData(late)
            .WithCounters(counters)
            .Count()
            .Subscribe(output.Add);

        // Windows are [0,5), [10,15), …: a@7 falls between them; a@6 after W20 is late as a record.
        foreach (var e in StreamDescription.Parse("a@1 a@7 a@12 W20 a@6"))
        {
            input.OnNext(e);
        }

        Assert.Equal("a[0,5)=1@4 a[10,15)=1@14 W20", StreamDescription.Format(output));
        Assert.Equal(1, counters.RecordsOutsideWindows);
        Assert.Equal(1, counters.LateRecordsDropped);
        Assert.Equal(1, late.Count);
    }
}

public class EndsOfTimeTest
{
    private static string Run(WindowAssigner assigner, params StreamElement<string>[] input)
    {
        var subject = new Subject<StreamElement<string>>();
        var output = new List<string>();
        using var _ = subject.KeyBy(x => x).Window(assigner).Count().Values().Subscribe(r => output.Add(r.ToString()));
        foreach (var e in input)
        {
            subject.OnNext(e);
        }

        subject.OnCompleted();
        return string.Join(" ", output);
    }

    [Fact]
    public void SlidingWindowsNearTheStartOfTimeAreClampedInsteadOfWrapping()
    {
        // Slide 10 aligns starts to multiples of 10. long.MinValue ends in ...808, so the two windows of size 20 that
        // contain MinValue + 3 start at ...810 and ...820, before the start of time: both are clamped to long.MinValue.
        var min = long.MinValue;
        Assert.Equal(
            $"a[{min},{min + 8})=1 a[{min},{min + 18})=1",
            Run(SlidingEventTimeWindows.Of(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(10)), StreamElement.Record("a", min + 3)));
    }

    [Fact]
    public void TumblingWindowsNearTheStartOfTimeKeepTheirAlignedEnd()
    {
        // Size 10 aligns windows to multiples of 10: min+1 lies in [min−2, min+8), clamped to [min, min+8), and min+9 in
        // the next window [min+8, min+18); the clamped window must not reach into it.
        var min = long.MinValue;
        Assert.Equal(
            $"a[{min},{min + 8})=1 a[{min + 8},{min + 18})=1",
            Run(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(10)), StreamElement.Record("a", min + 1), StreamElement.Record("a", min + 9)));
    }

    [Fact]
    public void TumblingWindowsNearTheEndOfTimeEndAtLongMaxValue()
    {
        var max = long.MaxValue;
        Assert.Equal(
            $"a[{max - 7},{max})=1",
            Run(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(10)), StreamElement.Record("a", max - 3)));
    }
}
