using System.Reactive.Linq;
using System.Reactive.Subjects;
using RxStreams.Testing;
using static RxStreams.Tests.CoreTestSupport;

namespace RxStreams.Tests.Operators;

public class SelectTest
{
    [Fact]
    public void MapsValuesKeepsTimestampsAndForwardsControlElements() =>
        Assert.Equal("A@1 W1 Idle Active B3 BC@2 W5 Wmax |", Run("a@1 W1 Idle Active B3 bc@2 W5 Wmax", s => s.Select(v => v.ToUpperInvariant()), complete: true));

    [Fact]
    public void ChangesTheRecordType() =>
        Assert.Equal("3@10 0@11 W11", Run("abc@10 x@11 W11", s => s.Select(v => v == "x" ? 0 : v.Length)));

    [Fact]
    public void FailingSelectorFailsTheStreamNamingSelect()
    {
        var source = new Subject<StreamElement<string>>();
        var output = new Collector<StreamElement<int>>();
        source.Select(v => int.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).Subscribe(output);
        foreach (var e in StreamDescription.Parse("1@1 W1 x@7 2@8 W9"))
        {
            source.OnNext(e);
        }

        Assert.Equal("1@1 W1 X", output.Describe());
        var error = Assert.IsType<StreamOperatorException>(output.Error);
        Assert.Equal("Select", error.Operator);
        Assert.Equal("x", error.Record);
        Assert.Equal(7L, error.Timestamp);
        Assert.IsType<FormatException>(error.InnerException);
        Assert.Equal($"Select failed on record 'x' at timestamp 7: {error.InnerException!.Message}", error.Message);
        Assert.False(source.HasObservers);
    }

    [Fact]
    public void AStreamOperatorExceptionFromTheSelectorIsNotWrappedAgain()
    {
        var thrown = new StreamOperatorException("Inner", "r", 1, "inner failure", null);
        var output = new Collector<StreamElement<int>>();
        new[] { StreamElement.Record("a", 1) }.ToObservable().Select(new Func<string, int>(_ => throw thrown)).Subscribe(output);
        Assert.Same(thrown, output.Error);
    }

    [Fact]
    public void UpstreamErrorAndCompletionPassThrough()
    {
        var error = new InvalidOperationException("up");
        var failed = new Collector<StreamElement<int>>();
        Observable.Throw<StreamElement<string>>(error).Select(v => v.Length).Subscribe(failed);
        Assert.Same(error, failed.Error);
        var completed = new Collector<StreamElement<int>>();
        Observable.Empty<StreamElement<string>>().Select(v => v.Length).Subscribe(completed);
        Assert.Equal("|", completed.Describe());
    }

    [Fact]
    public void DisposingUnsubscribes()
    {
        var source = new Subject<StreamElement<string>>();
        var output = new Collector<StreamElement<int>>();
        var subscription = source.Select(v => v.Length).Subscribe(output);
        source.OnNext(StreamElement.Record("ab", 1));
        subscription.Dispose();
        Assert.False(source.HasObservers);
        Assert.Equal("2@1", output.Describe());
    }

    [Fact]
    public void EachSubscriptionIsIndependent()
    {
        var count = 0;
        var stream = StreamDescription.Parse("a@1 b@2").ToObservable().Select(v => v + ++count);
        var first = new Collector<StreamElement<string>>();
        var second = new Collector<StreamElement<string>>();
        stream.Subscribe(first);
        stream.Subscribe(second);
        Assert.Equal("a1@1 b2@2 |", first.Describe());
        Assert.Equal("a3@1 b4@2 |", second.Describe());
    }

    [Fact]
    public void ArgumentsAreRequired()
    {
        Assert.Equal("source", Assert.Throws<ArgumentNullException>(() => ((IObservable<StreamElement<int>>)null!).Select(v => v)).ParamName);
        Assert.Equal("selector", Assert.Throws<ArgumentNullException>(() => Observable.Empty<StreamElement<int>>().Select((Func<int, int>)null!)).ParamName);
        Assert.Equal("observer", Assert.Throws<ArgumentNullException>(() => Observable.Empty<StreamElement<int>>().Select(v => v).Subscribe((IObserver<StreamElement<int>>)null!)).ParamName);
    }
}
