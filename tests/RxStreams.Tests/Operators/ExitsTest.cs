using System.Reactive.Linq;
using System.Reactive.Subjects;
using RxStreams.Testing;

namespace RxStreams.Tests.Operators;

public class ExitsTest
{
    private static readonly StreamElement<string>[] Input = StreamDescription.Parse("a@1 W1 Idle b@3 Active B2 W4 c@2 Wmax");

    [Fact]
    public void ValuesAreTheRecordValues()
    {
        var output = new Collector<string>();
        Input.ToObservable().Values().Subscribe(output);
        Assert.Equal(new[] { "a", "b", "c" }, output.Items);
        Assert.True(output.Completed);
    }

    [Fact]
    public void RecordsCarryTheirTimestamps()
    {
        var output = new Collector<Record<string>>();
        Input.ToObservable().Records().Subscribe(output);
        Assert.Equal(new[] { new Record<string>("a", 1), new Record<string>("b", 3), new Record<string>("c", 2) }, output.Items);
        Assert.True(output.Completed);
    }

    [Fact]
    public void WatermarksAreTheWatermarkTimestamps()
    {
        var output = new Collector<long>();
        Input.ToObservable().Watermarks().Subscribe(output);
        Assert.Equal(new[] { 1L, 4L, long.MaxValue }, output.Items);
        Assert.True(output.Completed);
    }

    [Fact]
    public void ErrorsPassThroughAndDisposingUnsubscribes()
    {
        var source = new Subject<StreamElement<string>>();
        var values = new Collector<string>();
        var records = new Collector<Record<string>>();
        var watermarks = new Collector<long>();
        source.Values().Subscribe(values);
        source.Records().Subscribe(records);
        var subscription = source.Watermarks().Subscribe(watermarks);
        subscription.Dispose();
        var error = new InvalidOperationException("x");
        source.OnNext(StreamElement.Watermark<string>(3));
        source.OnError(error);
        Assert.Same(error, values.Error);
        Assert.Same(error, records.Error);
        Assert.Null(watermarks.Error);
        Assert.Empty(watermarks.Items);
    }

    [Fact]
    public void ExitsAfterAPipelineSeeItsOutput()
    {
        var values = new List<string>();
        new long[] { 3, 1, 2 }.ToObservable()
            .WithEventTime(t => t, WatermarkStrategy.ForMonotonousTimestamps())
            .Select(t => $"v{t}")
            .Values()
            .Subscribe(values.Add);
        Assert.Equal(new[] { "v3", "v1", "v2" }, values);
    }

    [Fact]
    public void ArgumentsAreRequired()
    {
        var none = (IObservable<StreamElement<int>>)null!;
        Assert.Equal("source", Assert.Throws<ArgumentNullException>(() => none.Values()).ParamName);
        Assert.Equal("source", Assert.Throws<ArgumentNullException>(() => none.Records()).ParamName);
        Assert.Equal("source", Assert.Throws<ArgumentNullException>(() => none.Watermarks()).ParamName);
        Assert.Equal("observer", Assert.Throws<ArgumentNullException>(() => Observable.Empty<StreamElement<int>>().Values().Subscribe(null!)).ParamName);
    }
}
