using Microsoft.Reactive.Testing;
using RxStreams.Testing;
using static RxStreams.Tests.CoreTestSupport;

namespace RxStreams.Tests.Testing;

public class StreamDescriptionTest : ReactiveTest
{
    [Fact]
    public void ParsesEveryKindOfElement()
    {
        var elements = StreamDescription.Parse("a@1 W2 Idle Active B3 Wmax Wmin W-4 b@-5");
        Assert.Equal(
            new[]
            {
                StreamElement.Record("a", 1),
                StreamElement.Watermark<string>(2),
                StreamElement.Idle<string>(),
                StreamElement.Active<string>(),
                StreamElement.Barrier<string>(3),
                StreamElement.Watermark<string>(long.MaxValue),
                StreamElement.Watermark<string>(long.MinValue),
                StreamElement.Watermark<string>(-4),
                StreamElement.Record("b", -5),
            },
            elements);
    }

    [Fact]
    public void ParsesValuesWithAParser()
    {
        Assert.Equal(new[] { StreamElement.Record(12, 3), StreamElement.Watermark<int>(3) }, StreamDescription.Parse("12@3 W3", int.Parse));
    }

    [Fact]
    public void TheLastAtSignSeparatesTheTimestamp()
    {
        Assert.Equal(new[] { StreamElement.Record("me@host", 7), StreamElement.Record("W5", 1), StreamElement.Record("Idle", 2) },
            StreamDescription.Parse("me@host@7 W5@1 Idle@2"));
    }

    [Fact]
    public void AnyWhitespaceSeparatesAndEmptyIsEmpty()
    {
        Assert.Equal(new[] { StreamElement.Record("a", 1), StreamElement.Watermark<string>(1) }, StreamDescription.Parse("  a@1\t\n W1  "));
        Assert.Empty(StreamDescription.Parse(""));
        Assert.Equal("", StreamDescription.Format(Array.Empty<StreamElement<int>>()));
    }

    [Theory]
    [InlineData("a@1 W2 Idle Active B3 Wmax")]
    [InlineData("x@-1 W-9223372036854775807 Wmin B0 y@9223372036854775807")]
    [InlineData("")]
    [InlineData("a@b@3 W@4")]
    public void FormatIsTheInverseOfParse(string description) =>
        Assert.Equal(description, StreamDescription.Format(StreamDescription.Parse(description)));

    [Fact]
    public void FormatOfParsedIntegers() =>
        Assert.Equal("1@1 -2@2 W2", StreamDescription.Format(StreamDescription.Parse("+1@1 -2@2 W+2", int.Parse)));

    [Theory]
    [InlineData("a@1 x", "Element 1 'x' is not a record (value@timestamp), watermark (W5, Wmax, Wmin), Idle, Active, barrier (B1) or latency marker (L100).")]
    [InlineData("W", "Element 0 'W' is not a record (value@timestamp), watermark (W5, Wmax, Wmin), Idle, Active, barrier (B1) or latency marker (L100).")]
    [InlineData("B", "Element 0 'B' is not a record (value@timestamp), watermark (W5, Wmax, Wmin), Idle, Active, barrier (B1) or latency marker (L100).")]
    [InlineData("idle", "Element 0 'idle' is not a record (value@timestamp), watermark (W5, Wmax, Wmin), Idle, Active, barrier (B1) or latency marker (L100).")]
    [InlineData("@5", "Element 0 '@5' is not a record (value@timestamp), watermark (W5, Wmax, Wmin), Idle, Active, barrier (B1) or latency marker (L100).")]
    [InlineData("a@1 b@2 c@x", "Element 2 'c@x': 'x' is not a whole number of milliseconds.")]
    [InlineData("a@", "Element 0 'a@': '' is not a whole number of milliseconds.")]
    [InlineData("a@1.5", "Element 0 'a@1.5': '1.5' is not a whole number of milliseconds.")]
    [InlineData("Wfive", "Element 0 'Wfive': 'five' is not a whole number of milliseconds.")]
    [InlineData("W1 B2x", "Element 1 'B2x': '2x' is not a whole number of milliseconds.")]
    [InlineData("a@9223372036854775808", "Element 0 'a@9223372036854775808': '9223372036854775808' is not a whole number of milliseconds.")]
    [InlineData("WMAX", "Element 0 'WMAX': 'MAX' is not a whole number of milliseconds.")]
    public void BadTokensThrowFormatExceptionNamingThem(string description, string message)
    {
        var ex = Assert.Throws<FormatException>(() => StreamDescription.Parse(description));
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void AValueTheParserRejectsIsNamedWithTheParserMessage()
    {
        var ex = Assert.Throws<FormatException>(() => StreamDescription.Parse("1@1 W1 x@2", int.Parse));
        var inner = Assert.IsType<FormatException>(ex.InnerException);
        Assert.Equal($"Element 2 'x@2': the value 'x' cannot be parsed: {inner.Message}", ex.Message);

        var custom = Assert.Throws<FormatException>(() => StreamDescription.Parse("q@1", new Func<string, int>(_ => throw new InvalidOperationException("nope"))));
        Assert.Equal("Element 0 'q@1': the value 'q' cannot be parsed: nope", custom.Message);
        Assert.IsType<InvalidOperationException>(custom.InnerException);
    }

    [Fact]
    public void ArgumentsAreRequired()
    {
        Assert.Equal("description", Assert.Throws<ArgumentNullException>(() => StreamDescription.Parse(null!)).ParamName);
        Assert.Equal("parseValue", Assert.Throws<ArgumentNullException>(() => StreamDescription.Parse<int>("", null!)).ParamName);
        Assert.Equal("elements", Assert.Throws<ArgumentNullException>(() => StreamDescription.Format<int>(null!)).ParamName);
        Assert.Equal("elements", Assert.Throws<ArgumentNullException>(() => StreamDescription.ToObservable<int>(null!, new TestScheduler(), TimeSpan.FromTicks(1))).ParamName);
        Assert.Equal("scheduler", Assert.Throws<ArgumentNullException>(() => StreamDescription.Parse("a@1").ToObservable(null!, TimeSpan.FromTicks(1))).ParamName);
    }

    [Fact]
    public void ToObservableEmitsOneElementPerSpacingThenCompletes()
    {
        var scheduler = new TestScheduler();
        var source = StreamDescription.Parse("a@1 W1 Idle b@2").ToObservable(scheduler, TimeSpan.FromTicks(25));
        var observer = scheduler.Start(() => source);
        Assert.Equal("225:a@1 250:W1 275:Idle 300:b@2 325:|", Timeline(observer.Messages));
    }

    [Fact]
    public void ToObservableIsColdAndEachSubscriptionStartsOver()
    {
        var scheduler = new TestScheduler();
        var source = StreamDescription.Parse("a@1 b@2").ToObservable(scheduler, TimeSpan.FromTicks(10));
        var first = scheduler.CreateObserver<StreamElement<string>>();
        var second = scheduler.CreateObserver<StreamElement<string>>();
        source.Subscribe(first);
        scheduler.AdvanceTo(15);
        source.Subscribe(second);
        scheduler.Start();
        Assert.Equal("10:a@1 20:b@2 30:|", Timeline(first.Messages));
        Assert.Equal("25:a@1 35:b@2 45:|", Timeline(second.Messages));
    }

    [Fact]
    public void ToObservableOfNothingCompletesAfterOneSpacing()
    {
        var scheduler = new TestScheduler();
        var observer = scheduler.Start(() => Array.Empty<StreamElement<int>>().ToObservable(scheduler, TimeSpan.FromTicks(5)));
        Assert.Equal("205:|", Timeline(observer.Messages));
    }

    [Fact]
    public void DisposingToObservableStopsIt()
    {
        var scheduler = new TestScheduler();
        var source = StreamDescription.Parse("a@1 b@2 c@3").ToObservable(scheduler, TimeSpan.FromTicks(100));
        var observer = scheduler.Start(() => source, created: 10, subscribed: 50, disposed: 260);
        Assert.Equal("150:a@1 250:b@2", Timeline(observer.Messages));
        scheduler.Start();
        Assert.Equal(260, scheduler.Clock);
    }
}
