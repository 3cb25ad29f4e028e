using static RxStreams.Tests.CoreTestSupport;

namespace RxStreams.Tests.Operators.Rx;

/// <summary>DistinctUntilChanged compares each record with the previous record; a watermark between them is not a change.</summary>
public class DistinctUntilChangedTest
{
    [Fact]
    public void PassesChangesAndEveryWatermark() =>
        Assert.Equal("a@1 W1 W2 b@3 a@4 Wmax |", Run("a@1 W1 a@2 W2 b@3 a@4 a@5 Wmax", s => s.DistinctUntilChanged(), complete: true));

    [Fact]
    public void ByComparer() =>
        Assert.Equal("a@1 b@3", Run("a@1 A@2 b@3", s => s.DistinctUntilChanged(StringComparer.OrdinalIgnoreCase)));

    [Fact]
    public void ByKey() =>
        Assert.Equal("apple@1 banana@3 apricot@4", Run("apple@1 avocado@2 banana@3 apricot@4", s => s.DistinctUntilChanged(v => v[0])));

    [Fact]
    public void ByKeyAndComparer() =>
        Assert.Equal("ab@1 c@3", Run("ab@1 AB@2 c@3", s => s.DistinctUntilChanged(v => v, StringComparer.OrdinalIgnoreCase)));

    [Fact]
    public void AFailingKeySelectorFailsTheStream() =>
        Assert.Equal("5@1 X", RunInts("5@1 0@2 1@3", s => s.DistinctUntilChanged(v => 10 / v)));
}
