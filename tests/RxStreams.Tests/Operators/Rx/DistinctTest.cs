using static RxStreams.Tests.CoreTestSupport;

namespace RxStreams.Tests.Operators.Rx;

/// <summary>Distinct compares record values (or keys) only; each first occurrence keeps its timestamp, watermarks pass.</summary>
public class DistinctTest
{
    [Fact]
    public void PassesFirstOccurrencesAndEveryWatermark() =>
        Assert.Equal("a@1 W1 b@2 W2 W3 c@5 Wmax |", Run("a@1 W1 b@2 a@3 W2 W3 b@4 c@5 Wmax", s => s.Distinct(), complete: true));

    [Fact]
    public void ByComparer() =>
        Assert.Equal("a@1 W1 b@3", Run("a@1 A@2 W1 b@3", s => s.Distinct(StringComparer.OrdinalIgnoreCase)));

    [Fact]
    public void ByKey() =>
        Assert.Equal("apple@1 W1 banana@3", Run("apple@1 avocado@2 W1 banana@3 blueberry@4", s => s.Distinct(v => v[0])));

    [Fact]
    public void ByKeyAndComparer() =>
        Assert.Equal("ab@1 c@3", Run("ab@1 AB@2 c@3", s => s.Distinct(v => v, StringComparer.OrdinalIgnoreCase)));

    [Fact]
    public void AFailingKeySelectorFailsTheStream() =>
        Assert.Equal("5@1 X", RunInts("5@1 0@2 1@3", s => s.Distinct(v => 10 / v)));
}
