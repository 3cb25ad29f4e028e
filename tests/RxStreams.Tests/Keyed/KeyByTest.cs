using System.Reactive.Linq;
using System.Reactive.Subjects;
using RxStreams.Testing;
using static RxStreams.Tests.CoreTestSupport;

namespace RxStreams.Tests.Keyed;

public class KeyByTest
{
    [Fact]
    public void KeyedStreamExposesItsParts()
    {
        var source = Observable.Empty<StreamElement<string>>();
        var dead = new DeadLetters();
        Func<string, int> selector = v => v.Length;
        var keyed = source.KeyBy(selector, null, dead);
        Assert.Same(source, keyed.Source);
        Assert.Same(selector, keyed.KeySelector);
        Assert.Same(EqualityComparer<int>.Default, keyed.Comparer);
        Assert.Same(dead, keyed.DeadLetters);
        Assert.Null(source.KeyBy(selector).DeadLetters);
        Assert.Same(StringComparer.Ordinal, source.KeyBy(v => v, StringComparer.Ordinal).Comparer);
    }

    [Fact]
    public void AKeyedStreamIsStillTheUnkeyedStream() =>
        Assert.Equal("a@1 W1 bb@2 Wmax |", Run("a@1 W1 bb@2 Wmax", s => s.KeyBy(v => v.Length), complete: true));

    [Fact]
    public void TheComparerDecidesWhichRecordsShareAKey()
    {
        var output = Run("a@1 A@2 b@3 a@4", s => s.KeyBy(v => v, StringComparer.OrdinalIgnoreCase).Count());
        // The key printed is the current record's key; the state is shared by keys that compare equal.
        Assert.Equal("a=1@1 A=2@2 b=1@3 a=3@4", output);
    }

    [Fact]
    public void ANullKeyFailsTheStreamWithNullKeyException()
    {
        var source = new Subject<StreamElement<string>>();
        var output = new Collector<StreamElement<Keyed<string, int>>>();
        source.KeyBy(v => v == "none" ? null! : v).Sum(v => v.Length).Subscribe(output);
        foreach (var e in StreamDescription.Parse("ab@1 none@2 c@3"))
        {
            source.OnNext(e);
        }

        Assert.Equal("ab=2@1 X", output.Describe());
        var error = Assert.IsType<NullKeyException>(output.Error);
        Assert.Equal("KeyBy", error.Operator);
        Assert.Equal("none", error.Record);
        Assert.Equal(2L, error.Timestamp);
        Assert.Equal("KeyBy failed on record 'none' at timestamp 2: the key selector of Sum returned null.", error.Message);
        Assert.False(source.HasObservers);
    }

    [Fact]
    public void AFailingKeySelectorFailsTheStreamNamingKeyByAndTheKeyedOperator()
    {
        var output = new Collector<StreamElement<Keyed<int, long>>>();
        StreamDescription.Parse("1@1 0@2").ToObservable()
            .KeyBy(v => 10 / int.Parse(v, System.Globalization.CultureInfo.InvariantCulture))
            .Count()
            .Subscribe(output);
        Assert.Equal("10=1@1 X", output.Describe());
        var error = Assert.IsType<StreamOperatorException>(output.Error);
        Assert.Equal("KeyBy", error.Operator);
        Assert.Equal("KeyBy failed on record '0' at timestamp 2: the key selector of Count threw DivideByZeroException: Attempted to divide by zero.", error.Message);
        Assert.IsType<DivideByZeroException>(error.InnerException);
    }

    [Fact]
    public void ArgumentsAreRequired()
    {
        var empty = Observable.Empty<StreamElement<int>>();
        Assert.Equal("source", Assert.Throws<ArgumentNullException>(() => ((IObservable<StreamElement<int>>)null!).KeyBy(v => v)).ParamName);
        Assert.Equal("keySelector", Assert.Throws<ArgumentNullException>(() => empty.KeyBy((Func<int, int>)null!)).ParamName);
        Assert.Equal("source", Assert.Throws<ArgumentNullException>(() => ((KeyedStream<int, int>)null!).Count()).ParamName);
    }
}
