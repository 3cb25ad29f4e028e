using System.Reactive.Linq;
using System.Reactive.Subjects;

namespace RxStreams.Tests.Time;

public class WithEventTimeTest
{
    private sealed record Trade(string Symbol, DateTimeOffset At);

    [Fact]
    public void DateTimeOffsetTimestampsAreUnixMilliseconds()
    {
        var epoch = DateTimeOffset.UnixEpoch;
        var output = new Collector<StreamElement<string>>();
        new[] { new Trade("a", epoch.AddMilliseconds(1500)), new Trade("b", epoch.AddSeconds(3).AddTicks(9999)) }.ToObservable()
            .WithEventTime(t => t.At, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromSeconds(1)))
            .Select(t => t.Symbol)
            .Subscribe(output);
        Assert.Equal("a@1500 W500 b@3000 W2000 Wmax |", output.Describe());
    }

    [Fact]
    public void DateTimeOffsetWithAnOffsetIsConvertedToUtc()
    {
        var output = new Collector<StreamElement<int>>();
        new[] { 1 }.ToObservable()
            .WithEventTime(_ => new DateTimeOffset(1970, 1, 1, 2, 0, 0, TimeSpan.FromHours(2)), WatermarkStrategy.NoWatermarks())
            .Subscribe(output);
        Assert.Equal("1@0 Wmax |", output.Describe());
    }

    [Fact]
    public void FailingTimestampSelectorFailsTheStreamWithoutTimestamp()
    {
        var source = new Subject<string>();
        var output = new Collector<StreamElement<string>>();
        source.WithEventTime(v => long.Parse(v, System.Globalization.CultureInfo.InvariantCulture), WatermarkStrategy.ForMonotonousTimestamps()).Subscribe(output);
        source.OnNext("5");
        source.OnNext("five");
        Assert.False(source.HasObservers);
        Assert.Equal("5@5 W5 X", output.Describe());
        var error = Assert.IsType<StreamOperatorException>(output.Error);
        Assert.Equal("WithEventTime", error.Operator);
        Assert.Equal("five", error.Record);
        Assert.Null(error.Timestamp);
        Assert.IsType<FormatException>(error.InnerException);
        Assert.Equal($"WithEventTime failed on record 'five': {error.InnerException!.Message}", error.Message);
    }

    [Fact]
    public void FailingDateTimeOffsetSelectorIsReportedTheSameWay()
    {
        var output = new Collector<StreamElement<int>>();
        new[] { 1 }.ToObservable()
            .WithEventTime(new Func<int, DateTimeOffset>(_ => throw new TimeoutException("clock")), WatermarkStrategy.NoWatermarks())
            .Subscribe(output);
        Assert.Equal("X", output.Describe());
        Assert.Equal("WithEventTime failed on record '1': clock", output.Error!.Message);
    }

    [Fact]
    public void SourceErrorPassesThroughUnwrappedWithoutWmax()
    {
        var source = new Subject<long>();
        var output = new Collector<StreamElement<long>>();
        source.WithEventTime(t => t, WatermarkStrategy.ForMonotonousTimestamps()).Subscribe(output);
        source.OnNext(3);
        var error = new InvalidOperationException("upstream");
        source.OnError(error);
        Assert.Same(error, output.Error);
        Assert.Equal("3@3 W3 X", output.Describe());
    }

    [Fact]
    public void DisposingUnsubscribesFromTheSource()
    {
        var source = new Subject<long>();
        var output = new Collector<StreamElement<long>>();
        var subscription = source.WithEventTime(t => t, WatermarkStrategy.ForMonotonousTimestamps()).Subscribe(output);
        source.OnNext(1);
        subscription.Dispose();
        Assert.False(source.HasObservers);
        source.OnNext(2);
        source.OnCompleted();
        Assert.Equal("1@1 W1", output.Describe());
    }

    [Fact]
    public void ArgumentsAreRequired()
    {
        var strategy = WatermarkStrategy.NoWatermarks();
        Assert.Equal("source", Assert.Throws<ArgumentNullException>(() => ((IObservable<int>)null!).WithEventTime(v => (long)v, strategy)).ParamName);
        Assert.Equal("timestampOf", Assert.Throws<ArgumentNullException>(() => Observable.Empty<int>().WithEventTime((Func<int, long>)null!, strategy)).ParamName);
        Assert.Equal("timestampOf", Assert.Throws<ArgumentNullException>(() => Observable.Empty<int>().WithEventTime((Func<int, DateTimeOffset>)null!, strategy)).ParamName);
        Assert.Equal("watermarkStrategy", Assert.Throws<ArgumentNullException>(() => Observable.Empty<int>().WithEventTime(v => (long)v, null!)).ParamName);
    }

    [Fact]
    public void EmptySourceEmitsOnlyWmax()
    {
        var output = new Collector<StreamElement<int>>();
        Observable.Empty<int>().WithEventTime(v => (long)v, WatermarkStrategy.ForMonotonousTimestamps()).Subscribe(output);
        Assert.Equal("Wmax |", output.Describe());
    }
}
