using System.Reactive;
using static RxStreams.Tests.Windows.WindowHarness;

namespace RxStreams.Tests.Windows;

public class WindowFunctionsTest
{
    private const string Input = "a:3@1 a:1@2 b:5@4 a:4@3 W10";

    private static WindowedStream<string, string> Tumbling10(IObservable<StreamElement<string>> s) =>
        s.KeyBy(K).Window(TumblingEventTimeWindows.Of(Ms(10)));

    [Fact]
    public void Count() => Assert.Equal("a[0,10)=3@9 b[0,10)=1@9 W10 Wmax", Run(Input, s => Tumbling10(s).Count()));

    [Fact]
    public void Sum() => Assert.Equal("a[0,10)=8@9 b[0,10)=5@9 W10 Wmax", Run(Input, s => Tumbling10(s).Sum(V)));

    [Fact]
    public void SumOfDecimals() =>
        Assert.Equal("a[0,10)=0.3@9 W10 Wmax", Run("a:1@1 a:2@2 W10", s => Tumbling10(s).Sum(r => V(r) / 10m)));

    [Fact]
    public void Average() =>
        Assert.Equal("a[0,10)=2.6666666666666665@9 b[0,10)=5@9 W10 Wmax", Run(Input, s => Tumbling10(s).Average(V)));

    [Fact]
    public void AverageOfIntsDoesNotOverflowInAnyWindowKind()
    {
        // The sum of ints is kept in a long, also when panes (sliding) or sessions are merged.
        const string big = "a:1500000000@1 a:1500000000@6 W20";
        Assert.Equal("a[0,10)=1500000000@9 W20 Wmax", Run(big, s => Tumbling10(s).Average(V)));
        Assert.Equal(
            "a[-5,5)=1500000000@4 a[0,10)=1500000000@9 a[5,15)=1500000000@14 W20 Wmax",
            Run(big, s => s.KeyBy(K).Window(SlidingEventTimeWindows.Of(Ms(10), Ms(5))).Average(V)));
        Assert.Equal(
            "a[1,11)=1500000000@10 W20 Wmax",
            Run(big, s => s.KeyBy(K).Window(EventTimeSessionWindows.WithGap(Ms(5))).Average(V)));
    }

    [Fact]
    public void MinAndMax()
    {
        Assert.Equal("a[0,10)=1@9 b[0,10)=5@9 W10 Wmax", Run(Input, s => Tumbling10(s).Min(V)));
        Assert.Equal("a[0,10)=4@9 b[0,10)=5@9 W10 Wmax", Run(Input, s => Tumbling10(s).Max(V)));
        Assert.Equal("a[0,10)=4@9 b[0,10)=5@9 W10 Wmax", Run(Input, s => Tumbling10(s).Min(V, Comparer<int>.Create((x, y) => y.CompareTo(x)))));
    }

    [Fact]
    public void MinByAndMaxByKeepTheFirstOnTies()
    {
        const string ties = "a:2:x@1 a:5:y@2 a:2:z@3 a:5:w@4 W10";
        Assert.Equal("a[0,10)=a:2:x@9 W10 Wmax", Run(ties, s => Tumbling10(s).MinBy(V)));
        Assert.Equal("a[0,10)=a:5:y@9 W10 Wmax", Run(ties, s => Tumbling10(s).MaxBy(V)));
    }

    [Fact]
    public void Reduce() =>
        Assert.Equal("a[0,10)=a:3+a:1+a:4@9 b[0,10)=b:5@9 W10 Wmax", Run(Input, s => Tumbling10(s).Reduce((x, y) => x + "+" + y)));

    [Fact]
    public void AggregateWithAUserFunction() =>
        Assert.Equal("a[0,10)=1..4@9 b[0,10)=5..5@9 W10 Wmax", Run(Input, s => Tumbling10(s).Aggregate(new RangeFunction())));

    [Fact]
    public void AggregateMergesForSessions() =>
        Assert.Equal(
            "a[1,13)=1..7@12 W20 Wmax",
            Run("a:7@1 a:1@8 a:4@4 W20", s => s.KeyBy(K).Window(EventTimeSessionWindows.WithGap(Ms(5))).Aggregate(new RangeFunction())));

    [Fact]
    public void ReduceAndMinByMergeForSessions()
    {
        Assert.Equal(
            "a[1,13)=a:7+a:1+a:4@12 W20 Wmax",
            Run("a:7@1 a:1@8 a:4@4 W20", s => s.KeyBy(K).Window(EventTimeSessionWindows.WithGap(Ms(5))).Reduce((x, y) => x + "+" + y)));
        Assert.Equal(
            "a[1,13)=a:1@12 W20 Wmax",
            Run("a:7@1 a:1@8 a:4@4 W20", s => s.KeyBy(K).Window(EventTimeSessionWindows.WithGap(Ms(5))).MinBy(V)));
    }

    [Fact]
    public void ProcessGetsKeyWindowAndRecordsInArrivalOrder() =>
        Assert.Equal(
            "a[0,10)=a[0,10):a:3,a:1,a:4@9 b[0,10)=b[0,10):b:5@9 W10 Wmax",
            Run(Input, s => Tumbling10(s).Process((key, window, records) => $"{key}{window}:{string.Join(",", records)}")));

    [Fact]
    public void ProcessWithWindowAll()
    {
        var run = Collect("x@1 y@2 W10", s => s.WindowAll(TumblingEventTimeWindows.Of(Ms(10))).Process((key, _, records) => records.Count));
        Assert.Equal("()[0,10)=2@9 W10 Wmax", run.Text);
        Assert.Equal(Unit.Default, run.Values.Single().Key);
    }

    [Fact]
    public void ResultCarriesEveryField()
    {
        var run = Collect("a@1 a@2 W10 a@3", s => Tumbling10(s).AllowedLateness(Ms(5)).Count());
        Assert.Equal(
            [
                new WindowResult<string, long>("a", new TimeWindow(0, 10), 2, WindowFiring.OnTime, 0, false),
                new WindowResult<string, long>("a", new TimeWindow(0, 10), 3, WindowFiring.Late, 1, true),
            ],
            run.Values);
        Assert.All(run.Elements.Where(e => e.IsRecord), e => Assert.Equal(9, e.Timestamp));
    }

    [Fact]
    public void ResultToString()
    {
        var w = new TimeWindow(0, 5);
        Assert.Equal("a[0,5)=3", new WindowResult<string, int>("a", w, 3, WindowFiring.OnTime, 0, false).ToString());
        Assert.Equal("a[0,5)=3#2", new WindowResult<string, int>("a", w, 3, WindowFiring.OnTime, 2, true).ToString());
        Assert.Equal("a[0,5)=3~early", new WindowResult<string, int>("a", w, 3, WindowFiring.Early, 0, false).ToString());
        Assert.Equal("a[0,5)=3~late#1", new WindowResult<string, int>("a", w, 3, WindowFiring.Late, 1, true).ToString());
        Assert.Equal("()[global)=1.5", new WindowResult<Unit, double>(Unit.Default, TimeWindow.Global, 1.5, WindowFiring.OnTime, 0, false).ToString());
    }

    /// <summary>"min..max" of the record numbers; merges for session windows.</summary>
    private sealed class RangeFunction : IAggregateFunction<string, (int Min, int Max), string>
    {
        public (int Min, int Max) CreateAccumulator() => (int.MaxValue, int.MinValue);

        public void Add(ref (int Min, int Max) accumulator, string value) =>
            accumulator = (Math.Min(accumulator.Min, V(value)), Math.Max(accumulator.Max, V(value)));

        public string GetResult(in (int Min, int Max) accumulator) => $"{accumulator.Min}..{accumulator.Max}";

        public (int Min, int Max) Merge((int Min, int Max) a, (int Min, int Max) b) => (Math.Min(a.Min, b.Min), Math.Max(a.Max, b.Max));
    }
}
