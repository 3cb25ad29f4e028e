using static RxStreams.Tests.CoreTestSupport;

namespace RxStreams.Tests.Operators.Rx;

/// <summary>TakeWhile tests records only, and at the first failing one ends with Wmax and completion.</summary>
public class TakeWhileTest
{
    [Fact]
    public void PassesRecordsWhileTheyMatchThenEndsWithWmax() =>
        Assert.Equal("1@1 W1 2@2 W2 Wmax |", RunInts("1@1 W1 2@2 W2 5@3 1@4 Wmax", s => s.TakeWhile(v => v < 3)));

    [Fact]
    public void ControlElementsDoNotStopIt() =>
        Assert.Equal("1@1 Idle B1 W2 2@3 Wmax |", RunInts("1@1 Idle B1 W2 2@3 Wmax", s => s.TakeWhile(v => v < 3), complete: true));

    [Fact]
    public void AFailingPredicateFailsTheStreamNamingTakeWhile() =>
        Assert.Equal("2@1 X", RunInts("2@1 0@2 1@3", s => s.TakeWhile(v => 10 / v > 0)));
}
