using System.Reactive.Linq;
using static RxStreams.Tests.CoreTestSupport;

namespace RxStreams.Tests.Time;

public class DivertLateTest
{
    [Fact]
    public void RecordsBelowTheWatermarkGoToTheSideOutputAndAreCounted()
    {
        var late = new SideOutput<Record<string>>("late");
        var seen = new List<Record<string>>();
        using var _ = late.Subscribe(seen.Add);
        var output = Run("a@1 W5 b@4 c@5 d@6 W10 e@9 Idle f@2 Active B1 g@10 Wmax h@100", s => s.DivertLate(late), complete: true);
        Assert.Equal("a@1 W5 c@5 d@6 W10 Idle Active B1 g@10 Wmax |", output);
        Assert.Equal(new[] { new Record<string>("b", 4), new Record<string>("e", 9), new Record<string>("f", 2), new Record<string>("h", 100) }, seen);
        Assert.Equal(4, late.Count);
    }

    [Fact]
    public void ALowerWatermarkDoesNotLowerTheLatenessThreshold()
    {
        var late = new SideOutput<Record<string>>("late");
        var output = Run("W10 W3 a@5 b@10", s => s.DivertLate(late));
        Assert.Equal("W10 W3 b@10", output);
        Assert.Equal(1, late.Count);
    }

    [Fact]
    public void NothingIsLateBeforeTheFirstWatermark()
    {
        var late = new SideOutput<Record<string>>("late");
        Assert.Equal("a@-9223372036854775808 b@-5", Run("a@-9223372036854775808 b@-5", s => s.DivertLate(late)));
        Assert.Equal(0, late.Count);
    }

    [Fact]
    public void LatenessIsJudgedWhereTheOperatorStands()
    {
        var early = new SideOutput<Record<string>>("early");
        var output = Run("a@1 W3 b@2 c@3", s => s.Select(v => v.ToUpperInvariant()).DivertLate(early).Where(v => v != "C"));
        Assert.Equal("A@1 W3", output);
        Assert.Equal(1, early.Count);
    }

    [Fact]
    public void DivertLateAfterWithEventTimeWithBoundedOutOfOrderness()
    {
        var late = new SideOutput<Record<long>>("late");
        var output = new Collector<StreamElement<long>>();
        new long[] { 10, 8, 7, 15, 9, 13 }.ToObservable()
            .WithEventTime(t => t, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(2)))
            .DivertLate(late)
            .Subscribe(output);
        Assert.Equal("10@10 W8 8@8 15@15 W13 13@13 Wmax |", output.Describe());
        Assert.Equal(2, late.Count);
    }

    [Fact]
    public void ArgumentsAreRequired()
    {
        var late = new SideOutput<Record<int>>("late");
        Assert.Equal("source", Assert.Throws<ArgumentNullException>(() => ((IObservable<StreamElement<int>>)null!).DivertLate(late)).ParamName);
        Assert.Equal("lateRecords", Assert.Throws<ArgumentNullException>(() => System.Reactive.Linq.Observable.Empty<StreamElement<int>>().DivertLate(null!)).ParamName);
    }
}
