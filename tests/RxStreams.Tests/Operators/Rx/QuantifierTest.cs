using static RxStreams.Tests.CoreTestSupport;

namespace RxStreams.Tests.Operators.Rx;

/// <summary>
/// Any and All answer at the deciding record (with its timestamp, then Wmax), or once the input ends (just before Wmax);
/// control elements never decide.
/// </summary>
public class QuantifierTest
{
    private const string End = "9223372036854775806";

    [Fact]
    public void AnyAnswersTrueAtTheFirstRecord() =>
        Assert.Equal("W1 True@2 Wmax |", Run("W1 a@2 b@3", s => s.Any()));

    [Fact]
    public void AnyAnswersFalseWhenTheInputEndsWithoutRecords() =>
        Assert.Equal($"W1 False@{End} Wmax |", Run("W1 Wmax", s => s.Any(), complete: true));

    [Fact]
    public void AnyWithAPredicateAnswersAtTheFirstMatch() =>
        Assert.Equal("W1 True@3 Wmax |", RunInts("1@1 W1 4@3 6@4", s => s.Any(v => v % 2 == 0)));

    [Fact]
    public void AllAnswersFalseAtTheFirstMismatch() =>
        Assert.Equal("W1 False@3 Wmax |", RunInts("2@1 W1 3@3 6@4", s => s.All(v => v % 2 == 0)));

    [Fact]
    public void AllAnswersTrueWhenTheInputEnds() =>
        Assert.Equal($"W1 True@{End} Wmax |", RunInts("2@1 W1 4@3 Wmax", s => s.All(v => v % 2 == 0), complete: true));
}
