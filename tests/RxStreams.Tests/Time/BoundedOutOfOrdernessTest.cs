using System.Reactive.Linq;
using System.Reactive.Subjects;
using CsCheck;
using RxStreams.Testing;

namespace RxStreams.Tests.Time;

public class BoundedOutOfOrdernessTest
{
    private static string Stamp(long[] timestamps, WatermarkStrategy strategy, bool complete = true)
    {
        var subject = new Subject<long>();
        var output = new Collector<StreamElement<long>>();
        using var _ = subject.WithEventTime(t => t, strategy).Subscribe(output);
        foreach (var t in timestamps)
        {
            subject.OnNext(t);
        }

        if (complete)
        {
            subject.OnCompleted();
        }

        return output.Describe();
    }

    [Fact]
    public void WatermarkIsMaxTimestampMinusBound()
    {
        var strategy = WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(3));
        Assert.Equal("10@10 W7 12@12 W9 8@8 11@11 20@20 W17 Wmax |", Stamp(new long[] { 10, 12, 8, 11, 20 }, strategy));
    }

    [Fact]
    public void OutOfOrderAndLateRecordsAreForwardedAndNeverLowerTheWatermark()
    {
        var strategy = WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(1));
        // 3 is late (below W9) but still forwarded; no W2 follows it.
        Assert.Equal("10@10 W9 3@3 9@9 10@10 11@11 W10", Stamp(new long[] { 10, 3, 9, 10, 11 }, strategy, complete: false));
    }

    [Fact]
    public void NoWatermarkBeforeTheFirstRecord() =>
        Assert.Equal("Wmax |", Stamp(Array.Empty<long>(), WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromSeconds(1))));

    [Fact]
    public void BoundIsInWholeMilliseconds()
    {
        var strategy = WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromTicks((2 * TimeSpan.TicksPerMillisecond) + 9999));
        Assert.Equal("100@100 W98", Stamp(new long[] { 100 }, strategy, complete: false));
    }

    [Fact]
    public void ZeroBoundIsMonotonous() =>
        Assert.Equal("5@5 W5 5@5 6@6 W6", Stamp(new long[] { 5, 5, 6 }, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.Zero), complete: false));

    [Fact]
    public void WatermarkSaturatesAtTheStartOfTime()
    {
        var strategy = WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(10));
        // long.MinValue + 5 - 10 would wrap around to a huge watermark; it saturates at Wmin, which is never emitted.
        Assert.Equal(
            "-9223372036854775803@-9223372036854775803 -9223372036854775798@-9223372036854775798 -9223372036854775797@-9223372036854775797 W-9223372036854775807",
            Stamp(new[] { long.MinValue + 5, long.MinValue + 10, long.MinValue + 11 }, strategy, complete: false));
    }

    [Fact]
    public void RecordAtTheEndOfTimeReachesWmaxOnlyOnce() =>
        Assert.Equal("9223372036854775807@9223372036854775807 Wmax |", Stamp(new[] { long.MaxValue }, WatermarkStrategy.ForMonotonousTimestamps()));

    [Fact]
    public void NegativeBoundIsRejected()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(-1)));
        Assert.Equal("maxOutOfOrderness", ex.ParamName);
        Assert.StartsWith("The duration must not be negative.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EachSubscriptionHasItsOwnGenerator()
    {
        var stream = new long[] { 10, 20 }.ToObservable().WithEventTime(t => t, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(5)));
        var first = new Collector<StreamElement<long>>();
        var second = new Collector<StreamElement<long>>();
        stream.Subscribe(first);
        stream.Subscribe(second);
        Assert.Equal("10@10 W5 20@20 W15 Wmax |", first.Describe());
        Assert.Equal("10@10 W5 20@20 W15 Wmax |", second.Describe());
    }

    [Fact]
    public void WatermarksAreStrictlyIncreasingAndEqualMaxMinusBound()
    {
        Gen.Select(Gen.Long[-1000, 1000].Array[0, 30], Gen.Int[0, 50]).Sample((timestamps, bound) =>
        {
            var output = new List<StreamElement<long>>();
            timestamps.ToObservable()
                .WithEventTime(t => t, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(bound)))
                .Subscribe(output.Add);
            var expected = new List<StreamElement<long>>();
            var last = long.MinValue;
            var max = long.MinValue;
            foreach (var t in timestamps)
            {
                expected.Add(StreamElement.Record(t, t));
                max = Math.Max(max, t);
                if (max - bound > last)
                {
                    last = max - bound;
                    expected.Add(StreamElement.Watermark<long>(last));
                }
            }

            expected.Add(StreamElement.Watermark<long>(long.MaxValue));
            return StreamDescription.Format(expected) == StreamDescription.Format(output);
        });
    }
}
