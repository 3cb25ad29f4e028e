using System.Globalization;

namespace RxStreams.Tests.Core;

public class KeyedTest
{
    [Fact]
    public void ToStringIsKeyEqualsValue() =>
        Assert.Equal("sensor-1=42", new Keyed<string, int>("sensor-1", 42).ToString());

    [Fact]
    public void ToStringIsCultureInvariant()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("fr-FR");
            Assert.Equal("2.5=0.25", new Keyed<double, double>(2.5, 0.25).ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void IsAValueRecord()
    {
        Assert.Equal(new Keyed<string, int>("a", 1), new Keyed<string, int>("a", 1));
        Assert.NotEqual(new Keyed<string, int>("a", 1), new Keyed<string, int>("a", 2));
        var (key, value) = new Keyed<string, int>("k", 9);
        Assert.Equal(("k", 9), (key, value));
    }
}
