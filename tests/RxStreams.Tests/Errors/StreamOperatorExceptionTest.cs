namespace RxStreams.Tests.Errors;

public class StreamOperatorExceptionTest
{
    [Fact]
    public void MessageNamesOperatorRecordAndTimestamp()
    {
        var inner = new FormatException("bad digit");
        var ex = new StreamOperatorException("Select", "x", 12, "bad digit", inner);
        Assert.Equal("Select failed on record 'x' at timestamp 12: bad digit", ex.Message);
        Assert.Equal("Select", ex.Operator);
        Assert.Equal("x", ex.Record);
        Assert.Equal(12L, ex.Timestamp);
        Assert.Same(inner, ex.InnerException);
    }

    [Fact]
    public void MessageWithoutTimestamp()
    {
        var ex = new StreamOperatorException("WithEventTime", 3.5, null, "no time", null);
        Assert.Equal("WithEventTime failed on record '3.5': no time", ex.Message);
        Assert.Null(ex.Timestamp);
        Assert.Null(ex.InnerException);
    }

    [Fact]
    public void NullKeyExceptionIsAStreamOperatorException()
    {
        StreamOperatorException ex = new NullKeyException("Sum", "rec", -4);
        Assert.IsType<NullKeyException>(ex);
        Assert.Equal("Sum failed on record 'rec' at timestamp -4: the key selector returned null.", ex.Message);
        Assert.Equal("Sum", ex.Operator);
        Assert.Equal(-4L, ex.Timestamp);
        Assert.Null(ex.InnerException);
    }
}
