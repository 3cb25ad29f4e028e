using System.Reactive.Subjects;

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
        using var overlap = new OverlappingCalls();
        var output = new Collector<StreamElement<string>>();
        using var _ = first.Connect(second).Process(() => new Holding(overlap)).Subscribe(output);

        overlap.RunBlocked(() => first.OnNext(StreamElement.Record(1, 1)), () => first.OnNext(StreamElement.Record(2, 2)));

        Assert.Equal("Select", Assert.IsType<ConcurrentOnNextException>(output.Error).Operator);
        Assert.False(first.HasObservers);
        Assert.False(second.HasObservers);
    }

    [Fact]
    public void OverlappingCallsOnOneInputOfAnIntervalJoinFailTheStream()
    {
        var left = new Subject<StreamElement<int>>();
        var right = new Subject<StreamElement<int>>();
        using var overlap = new OverlappingCalls();
        var output = new Collector<StreamElement<string>>();
        using var _ = left
            .IntervalJoin(right, l => { overlap.HoldFirst(); return 0; }, r => 0, TimeSpan.Zero, TimeSpan.FromSeconds(1), (l, r) => $"{l}-{r}")
            .Subscribe(output);

        overlap.RunBlocked(() => left.OnNext(StreamElement.Record(1, 1)), () => left.OnNext(StreamElement.Record(2, 2)));

        Assert.IsType<ConcurrentOnNextException>(output.Error);
        Assert.False(left.HasObservers);
        Assert.False(right.HasObservers);
    }

    [Fact]
    public void CallsOnDifferentInputsOfAUnionAreSerializedNotRefused()
    {
        var left = new Subject<StreamElement<int>>();
        var right = new Subject<StreamElement<int>>();
        using var overlap = new OverlappingCalls();
        var output = new Collector<StreamElement<int>>();
        using var _ = left.Union(right).Where(v => { overlap.HoldFirst(); return true; }).Subscribe(output);

        overlap.RunBlocked(() => left.OnNext(StreamElement.Record(1, 1)), () => right.OnNext(StreamElement.Record(2, 2)));

        Assert.Null(output.Error);
        Assert.Equal("1@1 2@2", output.Describe());
    }

    /// <summary>A co-process function that holds the first call inside the operator.</summary>
    private sealed class Holding(OverlappingCalls overlap) : CoProcessFunction<int, string, string>
    {
        public override void ProcessElement1(int value, ProcessContext<string> context)
        {
            overlap.HoldFirst();
            context.Collect(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        public override void ProcessElement2(string value, ProcessContext<string> context) => context.Collect(value);
    }
}
