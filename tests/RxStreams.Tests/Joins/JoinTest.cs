using System.Reactive.Subjects;
using RxStreams;
using RxStreams.Testing;

namespace RxStreams.Tests.Joins;

public class JoinTest
{
    internal static (Subject<StreamElement<string>> Left, Subject<StreamElement<string>> Right, List<StreamElement<string>> Output, IDisposable Subscription) Wire(
        Func<IObservable<StreamElement<string>>, IObservable<StreamElement<string>>, IObservable<StreamElement<string>>> join)
    {
        var left = new Subject<StreamElement<string>>();
        var right = new Subject<StreamElement<string>>();
        var output = new List<StreamElement<string>>();
        return (left, right, output, join(left, right).Subscribe(output.Add));
    }

    internal static void Feed(Subject<StreamElement<string>> subject, string description)
    {
        foreach (var e in StreamDescription.Parse(description))
        {
            subject.OnNext(e);
        }
    }

    // Keys are the first letter: "a1" has key "a".
    private static string Key(string value) => value[..1];

    [Fact]
    public void TumblingWindowJoinEmitsEveryPairOfTheWindowWhenItFires()
    {
        var (left, right, output, subscription) = Wire((l, r) =>
            l.WindowJoin(r, Key, Key, TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(10)), (x, y) => x + "+" + y));
        using (subscription)
        {
            Feed(left, "a1@1 a2@4 b1@5 a3@12");
            Feed(right, "a9@3 b9@9 c9@2 a8@11");
            Feed(left, "W10");
            Assert.Equal(string.Empty, StreamDescription.Format(output));
            Feed(right, "W10");
            Assert.Equal("a1+a9@9 a2+a9@9 b1+b9@9 W10", StreamDescription.Format(output));
            left.OnCompleted();
            right.OnCompleted();
        }

        Assert.Equal("a1+a9@9 a2+a9@9 b1+b9@9 W10 a3+a8@19 Wmax", StreamDescription.Format(output));
    }

    [Fact]
    public void IntervalJoinMatchesInclusiveBoundsAndCarriesTheLaterTimestamp()
    {
        var lateRight = new SideOutput<Record<string>>("late-right");
        var (left, right, output, subscription) = Wire((l, r) =>
            l.IntervalJoin(r, Key, Key, TimeSpan.FromMilliseconds(-2), TimeSpan.FromMilliseconds(3), (x, y) => x + "+" + y, lateRight: lateRight));
        using (subscription)
        {
            Feed(left, "a1@10");
            Feed(right, "a7@7 a8@8 a13@13 a14@14 b8@10");
            Feed(left, "a2@12 W20");
            Feed(right, "W20 a9@15");
        }

        // a1@10 matches b in [8, 13]; a2@12 matches b in [10, 15]; a9@15 is below the watermark 20: late.
        Assert.Equal("a1+a8@10 a1+a13@13 a2+a13@13 a2+a14@14 W20", StreamDescription.Format(output));
        Assert.Equal(1, lateRight.Count);
    }

    [Fact]
    public void IntervalJoinIsLateOnlyBelowFlinksInclusiveWatermarkAsFlinksIntervalJoinOperator()
    {
        var lateLeft = new SideOutput<Record<string>>("late-left");
        var (left, right, output, subscription) = Wire((l, r) =>
            l.IntervalJoin(r, Key, Key, TimeSpan.FromMilliseconds(-1), TimeSpan.FromMilliseconds(1), (x, y) => x + "+" + y, lateLeft: lateLeft));
        using (subscription)
        {
            Feed(left, "a1@1 W3");
            Feed(right, "a2@2 W3");

            // Watermark 3 is Flink's 2: a3@2 is at it and still joins (Flink keeps it); a4@1 is below it: late.
            Feed(left, "a3@2 a4@1");
        }

        Assert.Equal("a1+a2@2 W3 a3+a2@2", StreamDescription.Format(output));
        Assert.Equal(1, lateLeft.Count);
    }

    [Fact]
    public void IntervalJoinRejectsInvertedBounds()
    {
        var stream = new Subject<StreamElement<string>>();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            stream.IntervalJoin(stream, Key, Key, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(1), (x, y) => x + y));
        Assert.Equal("upper", error.ParamName);
    }

    [Fact]
    public void IntervalJoinMatchesNearTheStartOfTime()
    {
        // Bounds [-5, 0] from a1@min+2 reach below long.MinValue: every right record from min to min+2 matches.
        var min = long.MinValue;
        var (left, right, output, subscription) = Wire((l, r) =>
            l.IntervalJoin(r, Key, Key, TimeSpan.FromMilliseconds(-5), TimeSpan.Zero, (x, y) => x + "+" + y));
        using (subscription)
        {
            Feed(right, $"a7@{min} a8@{min + 3}");
            Feed(left, $"a1@{min + 2}");
        }

        Assert.Equal($"a1+a7@{min + 2}", StreamDescription.Format(output));
    }

    [Fact]
    public void IntervalJoinMatchesNearTheEndOfTime()
    {
        // Bounds [0, 5] from a1@max-2 reach past long.MaxValue; bounds [5, 10] from a2@max-1 lie wholly past it, so a2 matches nothing.
        var max = long.MaxValue;
        var (left, right, output, subscription) = Wire((l, r) =>
            l.IntervalJoin(r, Key, Key, TimeSpan.Zero, TimeSpan.FromMilliseconds(5), (x, y) => x + "+" + y));
        var (left2, right2, output2, subscription2) = Wire((l, r) =>
            l.IntervalJoin(r, Key, Key, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(10), (x, y) => x + "+" + y));
        using (subscription)
        using (subscription2)
        {
            Feed(left, $"a1@{max - 2}");
            Feed(right, $"a7@{max - 3} a8@{max}");
            Feed(right2, $"a9@{max}");
            Feed(left2, $"a2@{max - 1}");
        }

        Assert.Equal($"a1+a8@{max}", StreamDescription.Format(output));
        Assert.Equal(string.Empty, StreamDescription.Format(output2));
    }

    [Fact]
    public void IntervalJoinRightRecordMatchesBufferedLeftRecordsNearBothEnds()
    {
        var (min, max) = (long.MinValue, long.MaxValue);
        var (left, right, output, subscription) = Wire((l, r) =>
            l.IntervalJoin(r, Key, Key, TimeSpan.FromMilliseconds(-5), TimeSpan.FromMilliseconds(5), (x, y) => x + "+" + y));
        using (subscription)
        {
            Feed(left, $"a1@{min + 1} b1@{max - 1}");
            Feed(right, $"a7@{min} a8@{min + 7} b7@{max} b8@{max - 7}");
        }

        Assert.Equal($"a1+a7@{min + 1} b1+b7@{max}", StreamDescription.Format(output));
    }
}
