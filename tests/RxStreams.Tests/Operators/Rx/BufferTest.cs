using System.Reactive.Linq;
using static RxStreams.Tests.CoreTestSupport;

namespace RxStreams.Tests.Operators.Rx;

/// <summary>Buffer(count) groups records only, stamped with each group's last record; the rest comes before Wmax.</summary>
public class BufferTest
{
    [Fact]
    public void GroupsRecordsAndPassesControlElementsAsTheyCome() =>
        Assert.Equal(
            "W1 a,b@2 W2 Idle c,d@4 e@5 Wmax |",
            Run("a@1 W1 b@2 W2 Idle c@3 d@4 e@5 Wmax", s => s.Buffer(2).Select(group => string.Join(",", group)), complete: true));

    [Fact]
    public void TheRestComesAtCompletionWithoutWmax() =>
        Assert.Equal("a,b@2 c@3 |", Run("a@1 b@2 c@3", s => s.Buffer(2).Select(group => string.Join(",", group)), complete: true));

    [Fact]
    public void AnEmptyRestEmitsNothing() =>
        Assert.Equal("a,b@2 Wmax |", Run("a@1 b@2 Wmax", s => s.Buffer(2).Select(group => string.Join(",", group)), complete: true));

    [Fact]
    public void ACountBelowOneIsRefused() =>
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => Observable.Empty<StreamElement<int>>().Buffer(0)).ParamName);
}
