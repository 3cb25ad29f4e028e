using System.Globalization;

namespace RxStreams.Tests.Core;

public class RecordTest
{
    [Fact]
    public void ToStringIsValueAtTimestamp() =>
        Assert.Equal("late@-5", new Record<string>("late", -5).ToString());

    [Fact]
    public void ToStringIsCultureInvariant()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal("0.5@1000", new Record<double>(0.5, 1000).ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void IsAValueRecord()
    {
        Assert.Equal(new Record<int>(1, 2), new Record<int>(1, 2));
        Assert.NotEqual(new Record<int>(1, 2), new Record<int>(1, 3));
        Assert.Equal(1, new Record<int>(1, 2).Value);
        Assert.Equal(2, new Record<int>(1, 2).Timestamp);
    }
}
