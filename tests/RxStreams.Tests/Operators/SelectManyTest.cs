using System.Reactive.Linq;
using System.Reactive.Subjects;
using RxStreams.Testing;
using static RxStreams.Tests.CoreTestSupport;

namespace RxStreams.Tests.Operators;

public class SelectManyTest
{
    [Fact]
    public void EmitsEveryItemWithTheRecordTimestampAndForwardsControlElements() =>
        Assert.Equal("a@1 b@1 W1 Idle Active B2 c@3 Wmax |",
            Run("a,b@1 W1 ,@2 Idle Active B2 c@3 Wmax", s => s.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries)), complete: true));

    [Fact]
    public void ResultSelectorCombinesRecordAndItem() =>
        Assert.Equal("x1@5 x2@5 W5 y1@6 y2@6", Run("x@5 W5 y@6", s => s.SelectMany(v => new[] { 1, 2 }, (v, i) => $"{v}{i}")));

    [Fact]
    public void AFailureMidwayKeepsTheItemsBeforeItAndFailsTheStream()
    {
        static IEnumerable<int> Items(int n)
        {
            yield return n;
            yield return n + 1;
            throw new InvalidOperationException("enumeration broke");
        }

        var source = new Subject<StreamElement<int>>();
        var output = new Collector<StreamElement<int>>();
        source.SelectMany(Items).Subscribe(output);
        source.OnNext(StreamElement.Record(10, 4));
        source.OnNext(StreamElement.Record(20, 5));
        Assert.Equal("10@4 11@4 X", output.Describe());
        var error = Assert.IsType<StreamOperatorException>(output.Error);
        Assert.Equal("SelectMany failed on record '10' at timestamp 4: enumeration broke", error.Message);
        Assert.False(source.HasObservers);
    }

    [Fact]
    public void FailingResultSelectorNamesSelectMany()
    {
        var output = new Collector<StreamElement<string>>();
        StreamDescription.Parse("a@1").ToObservable()
            .SelectMany(v => new[] { 1, 0 }, (v, i) => (10 / i).ToString(System.Globalization.CultureInfo.InvariantCulture) + v)
            .Subscribe(output);
        Assert.Equal("10a@1 X", output.Describe());
        Assert.Equal("SelectMany", Assert.IsType<StreamOperatorException>(output.Error).Operator);
    }

    [Fact]
    public void NullCollectionFailsTheStream()
    {
        var output = new Collector<StreamElement<string>>();
        StreamDescription.Parse("a@1").ToObservable().SelectMany(_ => (IEnumerable<string>)null!).Subscribe(output);
        var error = Assert.IsType<StreamOperatorException>(output.Error);
        Assert.Equal("SelectMany failed on record 'a' at timestamp 1: the collection selector returned null.", error.Message);
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    [Fact]
    public void TheEnumeratorIsDisposedAfterUseAndOnFailure()
    {
        var disposed = 0;
        IEnumerable<int> Items(int n)
        {
            try
            {
                yield return n;
                if (n < 0)
                {
                    throw new InvalidOperationException("negative");
                }
            }
            finally
            {
                disposed++;
            }
        }

        var dead = new DeadLetters();
        Assert.Equal("1@1 -1@2 2@3", RunInts("1@1 -1@2 2@3", s => s.SelectMany(Items, dead)));
        Assert.Equal(3, disposed);
        Assert.Equal(1, dead.Count);
    }

    [Fact]
    public void ArgumentsAreRequired()
    {
        var empty = Observable.Empty<StreamElement<int>>();
        Assert.Equal("source", Assert.Throws<ArgumentNullException>(() => ((IObservable<StreamElement<int>>)null!).SelectMany(v => new[] { v })).ParamName);
        Assert.Equal("selector", Assert.Throws<ArgumentNullException>(() => empty.SelectMany((Func<int, IEnumerable<int>>)null!)).ParamName);
        Assert.Equal("collectionSelector", Assert.Throws<ArgumentNullException>(() => empty.SelectMany((Func<int, IEnumerable<int>>)null!, (a, b) => a)).ParamName);
        Assert.Equal("resultSelector", Assert.Throws<ArgumentNullException>(() => empty.SelectMany(v => new[] { v }, (Func<int, int, int>)null!)).ParamName);
    }
}
