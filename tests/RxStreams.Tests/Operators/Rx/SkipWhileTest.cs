using static RxStreams.Tests.CoreTestSupport;

namespace RxStreams.Tests.Operators.Rx;

/// <summary>SkipWhile tests records only; control elements pass throughout.</summary>
public class SkipWhileTest
{
    [Fact]
    public void DropsRecordsWhileTheyMatchThenPassesAll() =>
        Assert.Equal("W1 W2 5@3 1@4 Wmax |", RunInts("1@1 W1 2@2 W2 5@3 1@4 Wmax", s => s.SkipWhile(v => v < 3), complete: true));

    [Fact]
    public void AFailingPredicateFailsTheStream() =>
        Assert.Equal("X", RunInts("0@1 1@2", s => s.SkipWhile(v => 10 / v > 0)));
}
