using RxStreams.Testing;
using static RxStreams.Tests.Joins.JoinTest;

namespace RxStreams.Tests.Joins;

/// <summary>
/// Exclusive bounds, the join function's timestamps and the join's counters; scenarios of Flink's
/// <c>IntervalJoinOperatorTest</c>, whose <c>processElementsAndWatermarks</c> feeds records 1…4 with watermarks 1…4
/// (2…5 here) to the left side first, then to the right.
/// </summary>
public class IntervalJoinBoundsTest
{
    private static string Run(long lower, bool lowerExclusive, long upper, bool upperExclusive)
    {
        var (left, right, output, subscription) = Wire((l, r) => l.IntervalJoin(
            r, _ => "k", _ => "k", TimeSpan.FromMilliseconds(lower), TimeSpan.FromMilliseconds(upper),
            (x, a, y, b) => $"{a}-{b}", lowerBoundExclusive: lowerExclusive, upperBoundExclusive: upperExclusive));
        using (subscription)
        {
            Feed(left, "l@1 W2 l@2 W3 l@3 W4 l@4 W5");
            Feed(right, "r@1 W2 r@2 W3 r@3 W4 r@4 W5");
        }

        return string.Join(" ", output.Where(e => e.IsRecord).Select(e => $"{e.Value}@{e.Timestamp}"));
    }

    /// <summary>Flink's <c>testNegativeExclusiveAndNegativeExlusive</c>: (-3, -1) exclusive keeps only b − a = −2.</summary>
    [Fact]
    public void NegativeExclusiveBounds() => Assert.Equal("3-1@3 4-2@4", Run(-3, true, -1, true));

    /// <summary>Flink's <c>testNegativeInclusiveAndNegativeInclusive</c>: [-3, -1].</summary>
    [Fact]
    public void NegativeInclusiveBounds() => Assert.Equal("2-1@2 3-1@3 4-1@4 3-2@3 4-2@4 4-3@4", Run(-3, false, -1, false));

    /// <summary>Flink's <c>testPositiveExclusiveAndPositiveExlusive</c>: (1, 3) exclusive keeps only b − a = 2.</summary>
    [Fact]
    public void PositiveExclusiveBounds() => Assert.Equal("1-3@3 2-4@4", Run(1, true, 3, true));

    /// <summary>Flink's <c>testInclusiveAndExclusive</c>-style mix: [-1, 1) keeps b − a ∈ {−1, 0}.</summary>
    [Fact]
    public void InclusiveLowerExclusiveUpper() => Assert.Equal("1-1@1 2-1@2 2-2@2 3-2@3 3-3@3 4-3@4 4-4@4", Run(-1, false, 1, true));

    [Fact]
    public void BoundsThatCrossOnceExclusiveAreRejected()
    {
        var stream = new System.Reactive.Subjects.Subject<StreamElement<string>>();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => stream.IntervalJoin(
            stream, s => s, s => s, TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(3), (x, y) => x + y, lowerBoundExclusive: true, upperBoundExclusive: true));
        Assert.Equal("upper", error.ParamName);
    }

    [Fact]
    public void CountersShowTheBufferedLateAndJoinedRecords()
    {
        var counters = new IntervalJoinCounters();
        var (left, right, output, subscription) = Wire((l, r) => l.IntervalJoin(
            r, s => s[..1], s => s[..1], TimeSpan.Zero, TimeSpan.FromMilliseconds(5), (x, y) => x + "+" + y, counters: counters));
        using (subscription)
        {
            Feed(left, "a1@10 b1@10 a2@20");
            Feed(right, "a7@12 b8@30");
            Assert.Equal((3L, 2L, 1L), (counters.BufferedLeft, counters.BufferedRight, counters.Joined));

            // Watermark 17: a1 and b1 (expiring at 15) can no longer match and are dropped; a7 (kept until its 12) too.
            Feed(left, "W17");
            Feed(right, "W17 a9@3");
            Assert.Equal((1L, 1L, 1L, 0L), (counters.BufferedLeft, counters.BufferedRight, counters.LateRight, counters.LateLeft));
        }

        // The join is gone with its subscription, and its state with it.
        Assert.Equal((0L, 0L, 1L), (counters.BufferedLeft, counters.BufferedRight, counters.Joined));
        Assert.Equal("a1+a7@12 W17", StreamDescription.Format(output));
    }
}
