using System.Reactive.Linq;
using System.Reactive.Subjects;
using RxStreams.Testing;
using static RxStreams.Tests.CoreTestSupport;

namespace RxStreams.Tests.Operators;

public class WhereTest
{
    [Fact]
    public void KeepsMatchingRecordsAndEveryControlElement() =>
        Assert.Equal("W1 Idle Active B3 2@2 W5 4@6 Wmax |", RunInts("1@1 W1 Idle Active B3 2@2 3@4 W5 4@6 Wmax", s => s.Where(v => v % 2 == 0), complete: true));

    [Fact]
    public void FailingPredicateFailsTheStreamNamingWhere()
    {
        var source = new Subject<StreamElement<int>>();
        var output = new Collector<StreamElement<int>>();
        source.Where(v => 10 / v > 1).Subscribe(output);
        foreach (var e in StreamDescription.Parse("2@1 0@3 1@4", int.Parse))
        {
            source.OnNext(e);
        }

        Assert.Equal("2@1 X", output.Describe());
        var error = Assert.IsType<StreamOperatorException>(output.Error);
        Assert.Equal(("Where", (object?)0, (long?)3), (error.Operator, error.Record, error.Timestamp));
        Assert.IsType<DivideByZeroException>(error.InnerException);
        Assert.Equal("Where failed on record '0' at timestamp 3: Attempted to divide by zero.", error.Message);
        Assert.False(source.HasObservers);
    }

    [Fact]
    public void ArgumentsAreRequired()
    {
        Assert.Equal("source", Assert.Throws<ArgumentNullException>(() => ((IObservable<StreamElement<int>>)null!).Where(v => true)).ParamName);
        Assert.Equal("predicate", Assert.Throws<ArgumentNullException>(() => Observable.Empty<StreamElement<int>>().Where((Func<int, bool>)null!)).ParamName);
    }
}
