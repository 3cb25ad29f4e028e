using RxStreams.Joins;
using RxStreams.Keyed.Aggregates;
using RxStreams.State;
using static RxStreams.Tests.State.Serialization.SerializationTestSupport;

namespace RxStreams.Tests.State.Serialization;

/// <summary>The built-in serializers of the built-in aggregations' accumulators and of join inputs, which windows in a job need without registration.</summary>
public class AccumulatorSerializersTest
{
    [Fact]
    public void AnAverageAccumulatorKeepsItsSumAndCount()
    {
        var back = RoundTrip(new AverageAccumulator<decimal> { Sum = 12.5m, Count = long.MaxValue });
        Assert.Equal(12.5m, back.Sum);
        Assert.Equal(long.MaxValue, back.Count);
        Assert.Equal("average<decimal>", StateSerializers.Get<AverageAccumulator<decimal>>().Id);
    }

    [Fact]
    public void AReduceAccumulatorWritesItsValueOnlyWhenItHasOne()
    {
        Assert.False(RoundTrip(StateSerializers.Get<ReduceAccumulator<string>>(), default, out var empty).HasValue);
        Assert.Equal([0], empty);
        var back = RoundTrip(new ReduceAccumulator<string> { HasValue = true, Value = "x" });
        Assert.True(back.HasValue);
        Assert.Equal("x", back.Value);
    }

    [Fact]
    public void AnExtremumAccumulatorKeepsTheRecordAndItsValue()
    {
        Assert.False(RoundTrip(default(ExtremumAccumulator<string, int>)).HasValue);
        var back = RoundTrip(new ExtremumAccumulator<string, int> { HasValue = true, Record = "max", Value = -3 });
        Assert.Equal((true, "max", -3), (back.HasValue, back.Record, back.Value));
        Assert.Equal("extremum<string,i32>", StateSerializers.Get<ExtremumAccumulator<string, int>>().Id);
    }

    [Fact]
    public void AJoinInputKeepsItsSide()
    {
        var left = RoundTrip(JoinInput<string, long>.OfLeft("l"));
        var right = RoundTrip(JoinInput<string, long>.OfRight(7));
        Assert.Equal((true, "l"), (left.IsLeft, left.Left));
        Assert.Equal((false, 7L), (right.IsLeft, right.Right));
    }
}
