using System.Reactive.Linq;
using static RxStreams.Tests.CoreTestSupport;

namespace RxStreams.Tests.Operators.Rx;

/// <summary>Skip drops records only; watermarks and other control elements always pass.</summary>
public class SkipTest
{
    [Fact]
    public void DropsTheFirstRecordsAndPassesEveryControlElement() =>
        Assert.Equal("W1 B1 W2 c@3 Wmax |", Run("a@1 W1 B1 b@2 W2 c@3 Wmax", s => s.Skip(2), complete: true));

    [Fact]
    public void SkipZeroPassesEverything() =>
        Assert.Equal("a@1 W1", Run("a@1 W1", s => s.Skip(0)));

    [Fact]
    public void ANegativeCountIsRefused() =>
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => Observable.Empty<StreamElement<int>>().Skip(-1)).ParamName);
}
