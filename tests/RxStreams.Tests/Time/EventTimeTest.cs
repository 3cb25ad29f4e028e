namespace RxStreams.Tests.Time;

public class EventTimeTest
{
    [Fact]
    public void ConvertsToAndFromUnixMilliseconds()
    {
        var time = new DateTimeOffset(2024, 2, 29, 12, 30, 15, 250, TimeSpan.FromHours(1));
        var ms = EventTime.FromDateTimeOffset(time);
        Assert.Equal(1709206215250, ms);
        Assert.Equal(time, EventTime.ToDateTimeOffset(ms));
        Assert.Equal(TimeSpan.Zero, EventTime.ToDateTimeOffset(ms).Offset);
        Assert.Equal(0, EventTime.FromDateTimeOffset(DateTimeOffset.UnixEpoch));
        Assert.Equal(-1, EventTime.FromDateTimeOffset(DateTimeOffset.UnixEpoch.AddMilliseconds(-1)));
    }

    [Fact]
    public void ClampsToTheRangeOfDateTimeOffset()
    {
        Assert.Equal(DateTimeOffset.MinValue, EventTime.ToDateTimeOffset(long.MinValue));
        Assert.Equal(DateTimeOffset.MaxValue, EventTime.ToDateTimeOffset(long.MaxValue));
        var min = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
        Assert.Equal(DateTimeOffset.MinValue, EventTime.ToDateTimeOffset(min));
        Assert.Equal(DateTimeOffset.MinValue.AddMilliseconds(1), EventTime.ToDateTimeOffset(min + 1));
        var max = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();
        Assert.Equal(DateTimeOffset.MaxValue, EventTime.ToDateTimeOffset(max));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(max - 1), EventTime.ToDateTimeOffset(max - 1));
    }

    [Fact]
    public void ToMillisecondsTruncatesAndRejectsNegatives()
    {
        Assert.Equal(2, EventTime.ToMilliseconds(TimeSpan.FromTicks((2 * TimeSpan.TicksPerMillisecond) + 9999), "d"));
        Assert.Equal(0, EventTime.ToMilliseconds(TimeSpan.Zero, "d"));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => EventTime.ToMilliseconds(TimeSpan.FromTicks(-1), "gap"));
        Assert.Equal("gap", ex.ParamName);
        Assert.Equal(TimeSpan.FromTicks(-1), ex.ActualValue);
    }
}
