using System.Reactive.Linq;
using System.Reactive.Subjects;
using RxStreams.Tests.Exchange;

namespace RxStreams.Tests.Adversarial;

/// <summary>
/// A producer that calls a pipeline's entry from two threads at once (Rx forbids it) fails the stream with a typed error
/// telling it to call Synchronize(), instead of corrupting state silently. The overlap is made certain, not timed: the
/// first call blocks inside the pipeline until the second one has returned.
/// </summary>
[Collection(nameof(ParallelTaskThreads))]
[NoLeakedTaskThreads]
public class ConcurrentOnNextTest
{
    [Fact]
    public void OverlappingCallsIntoWithEventTimeFailTheStream()
    {
        var source = new Subject<int>();
        using var overlap = new OverlappingCalls();
        Exception? error = null;
        var records = new List<int>();
        using var _ = source.WithEventTime(i => (long)i, WatermarkStrategy.NoWatermarks())
            .Subscribe(e => { if (e.IsRecord) { records.Add(e.Value); overlap.HoldFirst(); } }, e => error = e);

        overlap.Run(() => source.OnNext(1), () => source.OnNext(2));

        var concurrent = Assert.IsType<ConcurrentOnNextException>(error);
        Assert.Equal("WithEventTime", concurrent.Operator);
        Assert.Equal(
            "WithEventTime failed: OnNext was called from two threads at once; Rx requires serialized calls. Call Synchronize() on the source (or combine producers with Merge) before WithEventTime.",
            concurrent.Message);
        source.OnNext(3);
        Assert.Equal([1, 2], records);
    }

    [Fact]
    public void OverlappingCallsIntoAKeyedOperatorFedWithElementsFailTheStream()
    {
        var source = new Subject<StreamElement<string>>();
        using var overlap = new OverlappingCalls();
        Exception? error = null;
        var results = new List<string>();
        using var _ = source.KeyBy(v => v).Count()
            .Subscribe(e => { if (e.IsRecord) { results.Add($"{e.Value.Key}={e.Value.Value}"); overlap.HoldFirst(); } }, e => error = e);

        overlap.Run(() => source.OnNext(StreamElement.Record("a", 1)), () => source.OnNext(StreamElement.Record("a", 2)));

        Assert.Equal("Count", Assert.IsType<ConcurrentOnNextException>(error).Operator);
        source.OnNext(StreamElement.Record("a", 3));
        Assert.Equal(["a=1", "a=2"], results);
    }

    [Fact]
    public void OverlappingCallsIntoAnExchangeFailTheStream()
    {
        var source = new Subject<StreamElement<int>>();
        using var overlap = new OverlappingCalls();
        var output = new WaitingCollector<StreamElement<int>>();
        using var _ = source
            .PartitionByKey(x => { overlap.HoldFirst(); return x; }, parallelism: 2)
            .Apply(s => s)
            .Merge()
            .Subscribe(output);

        overlap.Run(() => source.OnNext(StreamElement.Record(1, 1)), () => source.OnNext(StreamElement.Record(2, 2)));

        output.WaitForEnd();
        Assert.Equal("PartitionByKey", Assert.IsType<ConcurrentOnNextException>(output.Error).Operator);
    }
}
