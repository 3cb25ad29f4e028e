using System.Globalization;

namespace RxStreams.Tests.Core;

public class StreamElementTest
{
    [Fact]
    public void RecordFactoryCarriesValueAndTimestamp()
    {
        var e = StreamElement.Record("a", 42);
        Assert.Equal(ElementKind.Record, e.Kind);
        Assert.Equal(42, e.Timestamp);
        Assert.Equal("a", e.Value);
        Assert.True(e.IsRecord);
        Assert.False(e.IsWatermark);
        Assert.Equal("a@42", e.ToString());
    }

    [Fact]
    public void ControlFactoriesHaveTheirKindAndDefaultValue()
    {
        var w = StreamElement.Watermark<string>(7);
        Assert.Equal((ElementKind.Watermark, 7L, (string?)null, false, true), (w.Kind, w.Timestamp, w.Value, w.IsRecord, w.IsWatermark));
        var idle = StreamElement.Idle<int>();
        Assert.Equal((ElementKind.Idle, 0L, 0), (idle.Kind, idle.Timestamp, idle.Value));
        var active = StreamElement.Active<int>();
        Assert.Equal((ElementKind.Active, 0L, 0), (active.Kind, active.Timestamp, active.Value));
        var barrier = StreamElement.Barrier<int>(3);
        Assert.Equal((ElementKind.Barrier, 3L, false, false), (barrier.Kind, barrier.Timestamp, barrier.IsRecord, barrier.IsWatermark));
    }

    [Theory]
    [InlineData(5L, "W5")]
    [InlineData(0L, "W0")]
    [InlineData(-3L, "W-3")]
    [InlineData(long.MaxValue, "Wmax")]
    [InlineData(long.MinValue, "Wmin")]
    [InlineData(long.MaxValue - 1, "W9223372036854775806")]
    public void WatermarkToString(long timestamp, string expected) =>
        Assert.Equal(expected, StreamElement.Watermark<int>(timestamp).ToString());

    [Fact]
    public void ControlToString()
    {
        Assert.Equal("Idle", StreamElement.Idle<int>().ToString());
        Assert.Equal("Active", StreamElement.Active<int>().ToString());
        Assert.Equal("B7", StreamElement.Barrier<int>(7).ToString());
        Assert.Equal("B-1", StreamElement.Barrier<int>(-1).ToString());
    }

    [Fact]
    public void UndefinedKindPrintsItsNumber()
    {
        var bogus = new StreamElement<int>((ElementKind)9, 1, 0);
        Assert.Equal("9", bogus.ToString());
    }

    [Fact]
    public void RecordToStringIsCultureInvariant()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal("1.5@-2", StreamElement.Record(1.5, -2).ToString());
            Assert.Equal("W-1000", StreamElement.Watermark<double>(-1000).ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void NullRecordValuePrintsEmpty() =>
        Assert.Equal("@3", StreamElement.Record<string?>(null, 3).ToString());

    [Fact]
    public void AsControlRetypesControlElements()
    {
        Assert.Equal(StreamElement.Watermark<int>(9), StreamElement.Watermark<string>(9).AsControl<int>());
        Assert.Equal(StreamElement.Idle<int>(), StreamElement.Idle<string>().AsControl<int>());
        Assert.Equal(StreamElement.Active<int>(), StreamElement.Active<string>().AsControl<int>());
        Assert.Equal(StreamElement.Barrier<int>(4), StreamElement.Barrier<string>(4).AsControl<int>());
    }

    [Fact]
    public void AsControlThrowsForARecord()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => StreamElement.Record("a", 1).AsControl<int>());
        Assert.Equal("A record cannot be retyped as a control element.", ex.Message);
    }

    [Fact]
    public void WithValueKeepsTheTimestampAndMakesARecord()
    {
        var e = StreamElement.Record("a", 12).WithValue(3);
        Assert.Equal(StreamElement.Record(3, 12), e);
        Assert.Equal(StreamElement.Record(3, 12), StreamElement.Watermark<string>(12).WithValue(3));
    }

    [Fact]
    public void EqualityComparesKindTimestampAndValue()
    {
        var a = StreamElement.Record("x", 1);
        Assert.True(a == StreamElement.Record("x", 1));
        Assert.False(a != StreamElement.Record("x", 1));
        Assert.True(a != StreamElement.Record("y", 1));
        Assert.True(a != StreamElement.Record("x", 2));
        Assert.True(StreamElement.Watermark<string>(1) != StreamElement.Barrier<string>(1));
        Assert.True(StreamElement.Idle<string>() != StreamElement.Active<string>());
        Assert.True(a.Equals((object)StreamElement.Record("x", 1)));
        Assert.False(a.Equals((object)"x@1"));
        Assert.False(a.Equals(null));
        Assert.Equal(a.GetHashCode(), StreamElement.Record("x", 1).GetHashCode());
        Assert.Equal(default, StreamElement.Record<string>(null!, 0));
    }
}
