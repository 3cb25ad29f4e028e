using System.Reactive.Linq;
using System.Reactive.Subjects;
using System.Threading;
using System.Threading.Tasks;
using RxStreams.Tests.Exchange;

namespace RxStreams.Tests.Adversarial;

/// <summary>
/// A producer that calls a pipeline's entry from two threads at once (Rx forbids it) gets a typed error telling it to
/// call Synchronize(), and the stream fails with the same error, instead of corrupting state. The overlap is made
/// certain, not timed: the first call blocks inside the pipeline until the second one has been refused.
/// </summary>
[Collection(nameof(ParallelTaskThreads))]
[NoLeakedTaskThreads]
public class ConcurrentOnNextTest
{
    [Fact]
    public void OverlappingCallsIntoWithEventTimeAreRefusedAndFailTheStream()
    {
        var source = new Subject<int>();
        using var overlap = new Overlap();
        Exception? error = null;
        var records = new List<int>();
        using var _ = source.WithEventTime(i => (long)i, WatermarkStrategy.NoWatermarks())
            .Subscribe(e => { if (e.IsRecord) { records.Add(e.Value); overlap.HoldFirst(); } }, e => error = e);

        var refused = overlap.Run(() => source.OnNext(1), () => source.OnNext(2));

        Assert.Equal("WithEventTime", refused.Operator);
        Assert.Contains("Call Synchronize() on the source", refused.Message, StringComparison.Ordinal);
        Assert.Equal("WithEventTime", Assert.IsType<ConcurrentOnNextException>(error).Operator);
        source.OnNext(3);
        Assert.Equal([1], records);
    }

    [Fact]
    public void OverlappingCallsIntoAKeyedOperatorFedWithElementsAreRefusedAndFailTheStream()
    {
        var source = new Subject<StreamElement<string>>();
        using var overlap = new Overlap();
        Exception? error = null;
        var results = new List<string>();
        using var _ = source.KeyBy(v => v).Count()
            .Subscribe(e => { if (e.IsRecord) { results.Add($"{e.Value.Key}={e.Value.Value}"); overlap.HoldFirst(); } }, e => error = e);

        var refused = overlap.Run(() => source.OnNext(StreamElement.Record("a", 1)), () => source.OnNext(StreamElement.Record("a", 2)));

        Assert.Equal("Count", refused.Operator);
        Assert.Equal("Count", Assert.IsType<ConcurrentOnNextException>(error).Operator);
        Assert.Equal(["a=1"], results);
    }

    [Fact]
    public void OverlappingCallsIntoAnExchangeAreRefusedAndFailTheStream()
    {
        var source = new Subject<StreamElement<int>>();
        using var overlap = new Overlap();
        var output = new WaitingCollector<StreamElement<int>>();
        using var _ = source
            .PartitionByKey(x => { overlap.HoldFirst(); return x; }, parallelism: 2)
            .Apply(s => s)
            .Merge()
            .Subscribe(output);

        var refused = overlap.Run(() => source.OnNext(StreamElement.Record(1, 1)), () => source.OnNext(StreamElement.Record(2, 2)));

        Assert.Equal("PartitionByKey", refused.Operator);
        output.WaitForEnd();
        Assert.Equal("PartitionByKey", Assert.IsType<ConcurrentOnNextException>(output.Error).Operator);
    }

    /// <summary>Runs a first call that blocks inside the pipeline, then a second call on the test's thread, and returns what the second threw.</summary>
    private sealed class Overlap : IDisposable
    {
        private readonly ManualResetEventSlim _inside = new();
        private readonly ManualResetEventSlim _release = new();
        private int _calls;

        /// <summary>Called inside the pipeline: the first call waits there until the second was refused.</summary>
        public void HoldFirst()
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                _inside.Set();
                Assert.True(_release.Wait(ExchangeTestSupport.WaitLimit));
            }
        }

        public ConcurrentOnNextException Run(Action first, Action second)
        {
            var firstCall = Task.Run(first);
            Assert.True(_inside.Wait(ExchangeTestSupport.WaitLimit));
            ConcurrentOnNextException refused;
            try
            {
                refused = Assert.Throws<ConcurrentOnNextException>(second);
            }
            finally
            {
                _release.Set();
            }

            Assert.True(firstCall.Wait(ExchangeTestSupport.WaitLimit));
            return refused;
        }

        public void Dispose()
        {
            _release.Set();
            _inside.Dispose();
            _release.Dispose();
        }
    }
}
