using System.Diagnostics;
using System.Reactive.Subjects;
using System.Threading;
using System.Threading.Tasks;
using RxStreams.Tests.Exchange;

namespace RxStreams.Tests.Adversarial;

/// <summary>
/// Two-input operators (Union, Connect/CoProcess, joins) and overlapping OnNext calls. Each input of Connect and of a
/// join enters through its own guarded operator, so overlapping calls on one input fail the stream with a
/// <see cref="ConcurrentOnNextException"/>; the inputs then meet under the union's lock, so calls on different inputs
/// (which Rx allows) are serialized, not refused. The overlap is made certain, not timed: the first call holds the lock
/// inside the operator until the second call is blocked on it.
/// </summary>
[Collection(nameof(ParallelTaskThreads))]
[NoLeakedTaskThreads]
public class TwoInputConcurrentOnNextTest
{
    [Fact]
    public void OverlappingCallsOnOneInputOfConnectFailTheStream()
    {
        var first = new Subject<StreamElement<int>>();
        var second = new Subject<StreamElement<string>>();
        using var overlap = new BlockedOverlap();
        var output = new Collector<StreamElement<string>>();
        using var _ = first.Connect(second).Process(() => new Holding(overlap)).Subscribe(output);

        overlap.Run(() => first.OnNext(StreamElement.Record(1, 1)), () => first.OnNext(StreamElement.Record(2, 2)));

        Assert.Equal("Select", Assert.IsType<ConcurrentOnNextException>(output.Error).Operator);
        Assert.False(first.HasObservers);
        Assert.False(second.HasObservers);
    }

    [Fact]
    public void OverlappingCallsOnOneInputOfAnIntervalJoinFailTheStream()
    {
        var left = new Subject<StreamElement<int>>();
        var right = new Subject<StreamElement<int>>();
        using var overlap = new BlockedOverlap();
        var output = new Collector<StreamElement<string>>();
        using var _ = left
            .IntervalJoin(right, l => { overlap.HoldFirst(); return 0; }, r => 0, TimeSpan.Zero, TimeSpan.FromSeconds(1), (l, r) => $"{l}-{r}")
            .Subscribe(output);

        overlap.Run(() => left.OnNext(StreamElement.Record(1, 1)), () => left.OnNext(StreamElement.Record(2, 2)));

        Assert.IsType<ConcurrentOnNextException>(output.Error);
        Assert.False(left.HasObservers);
        Assert.False(right.HasObservers);
    }

    [Fact]
    public void CallsOnDifferentInputsOfAUnionAreSerializedNotRefused()
    {
        var left = new Subject<StreamElement<int>>();
        var right = new Subject<StreamElement<int>>();
        using var overlap = new BlockedOverlap();
        var output = new Collector<StreamElement<int>>();
        using var _ = left.Union(right).Where(v => { overlap.HoldFirst(); return true; }).Subscribe(output);

        overlap.Run(() => left.OnNext(StreamElement.Record(1, 1)), () => right.OnNext(StreamElement.Record(2, 2)));

        Assert.Null(output.Error);
        Assert.Equal("1@1 2@2", output.Describe());
    }

    /// <summary>A co-process function that holds the first call inside the operator.</summary>
    private sealed class Holding(BlockedOverlap overlap) : CoProcessFunction<int, string, string>
    {
        public override void ProcessElement1(int value, ProcessContext<string> context)
        {
            overlap.HoldFirst();
            context.Collect(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        public override void ProcessElement2(string value, ProcessContext<string> context) => context.Collect(value);
    }

    /// <summary>
    /// Runs a first call that blocks inside the operator (holding its lock), then a second call on its own thread, and
    /// lets the first one return once the second is blocked waiting for that lock.
    /// </summary>
    private sealed class BlockedOverlap : IDisposable
    {
        private readonly ManualResetEventSlim _inside = new();
        private readonly ManualResetEventSlim _release = new();
        private int _calls;

        /// <summary>Called inside the operator: the first call waits there until it is released.</summary>
        public void HoldFirst()
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                _inside.Set();
                Assert.True(_release.Wait(ExchangeTestSupport.WaitLimit));
            }
        }

        public void Run(Action first, Action second)
        {
            var firstCall = Task.Run(first);
            Assert.True(_inside.Wait(ExchangeTestSupport.WaitLimit));
            var secondCall = new Thread(() => second()) { IsBackground = true };
            try
            {
                secondCall.Start();
                var waited = Stopwatch.StartNew();
                while ((secondCall.ThreadState & System.Threading.ThreadState.WaitSleepJoin) == 0)
                {
                    Assert.True(waited.Elapsed < ExchangeTestSupport.WaitLimit, "the second call never blocked on the operator's lock");
                    Thread.Yield();
                }
            }
            finally
            {
                _release.Set();
            }

            Assert.True(firstCall.Wait(ExchangeTestSupport.WaitLimit));
            Assert.True(secondCall.Join(ExchangeTestSupport.WaitLimit));
        }

        public void Dispose()
        {
            _release.Set();
            _inside.Dispose();
            _release.Dispose();
        }
    }
}
