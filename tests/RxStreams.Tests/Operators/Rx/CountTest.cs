using System.Reactive.Linq;
using static RxStreams.Tests.CoreTestSupport;

namespace RxStreams.Tests.Operators.Rx;

/// <summary>Count and LongCount on an event-time stream count records only and emit once the input ends, just before Wmax.</summary>
public class CountTest
{
    private const string End = "9223372036854775806"; // Watermark.MaxValue - 1, a global window's last millisecond

    [Fact]
    public void CountsRecordsNotControlElementsAndEmitsJustBeforeWmax() =>
        Assert.Equal($"W1 Idle Active B3 W5 4@{End} Wmax |", RunInts("1@1 W1 2@2 Idle Active B3 3@4 W5 4@6 Wmax", s => s.Count(), complete: true));

    [Fact]
    public void CountsTheRecordsThatSatisfyThePredicate() =>
        Assert.Equal($"W1 W5 2@{End} Wmax |", RunInts("1@1 W1 2@2 3@4 W5 4@6 Wmax", s => s.Count(v => v % 2 == 0), complete: true));

    [Fact]
    public void LongCountCountsAsLong() =>
        Assert.Equal($"W1 3@{End} Wmax |", RunInts("1@1 W1 2@2 3@4 Wmax", s => s.LongCount(), complete: true));

    [Fact]
    public void LongCountWithAPredicate() =>
        Assert.Equal($"1@{End} Wmax |", RunInts("1@1 2@2 3@4 Wmax", s => s.LongCount(v => v > 2), complete: true));

    [Fact]
    public void WithoutWmaxTheCountComesAtCompletion() =>
        Assert.Equal($"W1 2@{End} |", Run("a@1 W1 b@2", s => s.Count(), complete: true));

    [Fact]
    public void NothingIsEmittedBeforeTheInputEnds() =>
        Assert.Equal("W1 W2", Run("a@1 W1 b@2 W2", s => s.Count()));

    [Fact]
    public void TheFourReadingsOfIssue11CountAsFour()
    {
        var output = new List<StreamElement<int>>();
        new[] { 1_000L, 3_000L, 2_500L, 6_000L }.ToObservable()
            .WithEventTime(t => t, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromSeconds(1)))
            .Count()
            .Subscribe(output.Add);
        Assert.Equal($"W0 W2000 W5000 4@{End} Wmax", RxStreams.Testing.StreamDescription.Format(output));
    }

    [Fact]
    public void AFailingPredicateFailsTheStreamNamingCount()
    {
        var error = Assert.IsType<StreamOperatorException>(RunError(s => s.Count(v => 10 / v > 1)));
        Assert.Equal(("Count", (object?)0, (long?)2), (error.Operator, error.Record, error.Timestamp));
    }

    [Fact]
    public void ArgumentsAreRequired()
    {
        Assert.Equal("source", Assert.Throws<ArgumentNullException>(() => ((IObservable<StreamElement<int>>)null!).Count()).ParamName);
        Assert.Equal("predicate", Assert.Throws<ArgumentNullException>(() => Observable.Empty<StreamElement<int>>().LongCount(null!)).ParamName);
    }

    private static Exception? RunError<TOut>(Func<IObservable<StreamElement<int>>, IObservable<StreamElement<TOut>>> pipeline)
    {
        var output = new Collector<StreamElement<TOut>>();
        using var _ = pipeline(RxStreams.Testing.StreamDescription.Parse("2@1 0@2 1@3 Wmax", int.Parse).ToObservable()).Subscribe(output);
        return output.Error;
    }
}
