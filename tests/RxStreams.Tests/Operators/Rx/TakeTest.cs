using System.Reactive.Linq;
using System.Reactive.Subjects;
using static RxStreams.Tests.CoreTestSupport;

namespace RxStreams.Tests.Operators.Rx;

/// <summary>Take counts records, passes the control elements before them, and ends as a bounded source does: Wmax, then completion.</summary>
public class TakeTest
{
    [Fact]
    public void TakesRecordsThenEmitsWmaxAndCompletes() =>
        Assert.Equal("a@1 W1 Idle b@2 Wmax |", Run("a@1 W1 Idle b@2 W2 c@3 Wmax", s => s.Take(2)));

    [Fact]
    public void ReleasesTheSourceOnceTaken()
    {
        var source = new Subject<StreamElement<string>>();
        var output = new Collector<StreamElement<string>>();
        source.Take(1).Subscribe(output);
        source.OnNext(StreamElement.Record("a", 1));
        Assert.False(source.HasObservers);
        Assert.Equal("a@1 Wmax |", output.Describe());
    }

    [Fact]
    public void ATumblingWindowDownstreamFiresAfterTake()
    {
        var output = new List<StreamElement<WindowResult<string, long>>>();
        RxStreams.Testing.StreamDescription.Parse("a@1 a@2 W3 a@7 a@8 a@9").ToObservable()
            .Take(3)
            .KeyBy(v => v)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(5)))
            .Count()
            .Subscribe(output.Add);
        Assert.Equal(["W3", "(a, [0,5), 2)@4", "(a, [5,10), 1)@9", "Wmax"], output.Select(e => e.IsRecord ? $"({e.Value.Key}, {e.Value.Window}, {e.Value.Value})@{e.Timestamp}" : e.ToString()));
    }

    [Fact]
    public void AShorterInputPassesWhole() =>
        Assert.Equal("a@1 W1 Wmax |", Run("a@1 W1 Wmax", s => s.Take(5), complete: true));

    [Fact]
    public void TakeZeroEndsAtOnceWithoutSubscribing()
    {
        var source = new Subject<StreamElement<string>>();
        var output = new Collector<StreamElement<string>>();
        source.Take(0).Subscribe(output);
        Assert.False(source.HasObservers);
        Assert.Equal("Wmax |", output.Describe());
    }

    [Fact]
    public void ANegativeCountIsRefused() =>
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => Observable.Empty<StreamElement<int>>().Take(-1)).ParamName);
}
