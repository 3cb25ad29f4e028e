using System.Reactive.Linq;
using static RxStreams.Tests.CoreTestSupport;

namespace RxStreams.Tests.Keyed;

public class RollingAggregationTest
{
    // Records "key:value@timestamp".
    private static string Key(string r) => r.Split(':')[0];

    private static int Val(string r) => int.Parse(r.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);

    private const string Input = "a:3@1 b:5@2 W2 a:1@3 a:7@4 b:5@5 Idle Active B1 W5 Wmax";

    [Fact]
    public void Sum() =>
        Assert.Equal("a=3@1 b=5@2 W2 a=4@3 a=11@4 b=10@5 Idle Active B1 W5 Wmax |", Run(Input, s => s.KeyBy(Key).Sum(Val), complete: true));

    [Fact]
    public void SumOfDecimalsAndDoubles()
    {
        Assert.Equal("a=3.5@1 b=5@2 W2 a=4.5@3 a=11.5@4 b=10@5 Idle Active B1 W5 Wmax", Run(Input, s => s.KeyBy(Key).Sum(r => Key(r) == "a" && Val(r) == 3 ? 3.5m : Val(r))));
        Assert.Equal("k=0.5@1 k=0.75@2", Run("x@1 xx@2", s => s.KeyBy(_ => "k").Sum(v => 1.0 / (1 << v.Length))));
    }

    [Fact]
    public void SumOverflowFailsTheStreamWithOverflowException()
    {
        var output = new Collector<StreamElement<Keyed<string, int>>>();
        new[] { int.MaxValue - 1, 1, 1 }.ToObservable()
            .WithEventTime(_ => 7L, WatermarkStrategy.NoWatermarks())
            .KeyBy(_ => "k")
            .Sum(v => v)
            .Subscribe(output);
        Assert.Equal("k=2147483646@7 k=2147483647@7 X", output.Describe());
        var error = Assert.IsType<StreamOperatorException>(output.Error);
        Assert.IsType<OverflowException>(error.InnerException);
        Assert.Equal("Sum", error.Operator);
        Assert.Equal(1, error.Record);
        Assert.Equal("Sum failed on record '1' for key 'k' at timestamp 7: Arithmetic operation resulted in an overflow.", error.Message);
    }

    [Fact]
    public void SumOfLongsDetectsOverflowToo()
    {
        var dead = new DeadLetters();
        Assert.Equal("k=-9223372036854775808@1 k=-9223372036854775806@3",
            RunInts("1@1 -1@2 2@3", s => s.KeyBy(_ => "k", deadLetters: dead).Sum(v => v == 1 ? long.MinValue : (long)v)));
        Assert.Equal(1, dead.Count);
    }

    [Fact]
    public void Count() =>
        Assert.Equal("a=1@1 b=1@2 W2 a=2@3 a=3@4 b=2@5 Idle Active B1 W5 Wmax", Run(Input, s => s.KeyBy(Key).Count()));

    [Fact]
    public void Average() =>
        Assert.Equal("a=3@1 b=5@2 W2 a=2@3 a=3.6666666666666665@4 b=5@5 Idle Active B1 W5 Wmax", Run(Input, s => s.KeyBy(Key).Average(Val)));

    [Fact]
    public void AverageOfIntsDoesNotOverflow()
    {
        // As Enumerable.Average: the sum of ints is kept in a long, so 1.5e9 + 1.5e9 is no overflow.
        var dead = new DeadLetters();
        Assert.Equal(
            "k=1500000000@1 k=1500000000@2 k=1000000000@3",
            RunInts("1500000000@1 1500000000@2 0@3", s => s.KeyBy(_ => "k", deadLetters: dead).Average(v => v)));
        Assert.Equal(0, dead.Count);
    }

    [Fact]
    public void AverageOfLongsDoesNotOverflow()
    {
        // Sums of longs are kept in an Int128: MaxValue, 2 MaxValue, MaxValue − 1, −2 are all exact.
        Assert.Equal(
            "k=9.223372036854776E+18@1 k=9.223372036854776E+18@2 k=3.0744573456182584E+18@3 k=-0.5@4",
            RunInts("1@1 2@2 3@3 4@4", s => s.KeyBy(_ => "k").Average(v => v <= 2 ? long.MaxValue : long.MinValue)));
    }

    [Fact]
    public void MinAndMax()
    {
        Assert.Equal("a=3@1 b=5@2 W2 a=1@3 a=1@4 b=5@5 Idle Active B1 W5 Wmax", Run(Input, s => s.KeyBy(Key).Min(Val)));
        Assert.Equal("a=3@1 b=5@2 W2 a=3@3 a=7@4 b=5@5 Idle Active B1 W5 Wmax", Run(Input, s => s.KeyBy(Key).Max(Val)));
    }

    [Fact]
    public void MinAndMaxWithAComparer()
    {
        var reverse = Comparer<int>.Create((x, y) => y.CompareTo(x));
        Assert.Equal("a=3@1 b=5@2 W2 a=3@3 a=7@4 b=5@5 Idle Active B1 W5 Wmax", Run(Input, s => s.KeyBy(Key).Min(Val, reverse)));
        Assert.Equal("a=3@1 b=5@2 W2 a=1@3 a=1@4 b=5@5 Idle Active B1 W5 Wmax", Run(Input, s => s.KeyBy(Key).Max(Val, reverse)));
    }

    [Fact]
    public void MinByAndMaxByKeepTheFirstRecordOnTies()
    {
        const string ties = "a:2:x@1 a:1:y@2 a:1:z@3 a:3:u@4 a:3:v@5";
        static int Field(string r) => int.Parse(r.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
        static string Name(Keyed<string, string> k) => $"{k.Key}:{k.Value.Split(':')[2]}";
        Assert.Equal("a:x@1 a:y@2 a:y@3 a:y@4 a:y@5", Run(ties, s => s.KeyBy(Key).MinBy(Field).Select(Name)));
        Assert.Equal("a:x@1 a:x@2 a:x@3 a:u@4 a:u@5", Run(ties, s => s.KeyBy(Key).MaxBy(Field).Select(Name)));
    }

    [Fact]
    public void MinByWithAComparer()
    {
        var byLength = Comparer<string>.Create((x, y) => x.Length.CompareTo(y.Length));
        Assert.Equal("k=bbb@1 k=aa@2 k=aa@3 k=c@4", Run("bbb@1 aa@2 dd@3 c@4", s => s.KeyBy(_ => "k").MinBy(v => v, byLength)));
    }

    [Fact]
    public void AggregateFoldsFromTheSeedPerKey() =>
        Assert.Equal("a=[3]@1 b=[5]@2 W2 a=[3,1]@3 a=[3,1,7]@4 b=[5,5]@5 Idle Active B1 W5 Wmax",
            Run(Input, s => s.KeyBy(Key).Aggregate("", (acc, r) => acc.Length == 0 ? Val(r).ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{acc},{Val(r)}").Select(k => new Keyed<string, string>(k.Key, $"[{k.Value}]"))));

    [Fact]
    public void AggregateWithAnAggregateFunction() =>
        Assert.Equal("a=3..3@1 b=5..5@2 W2 a=1..3@3 a=1..7@4 b=5..5@5 Idle Active B1 W5 Wmax",
            Run(Input, s => s.KeyBy(Key).Aggregate(new RangeFunction())));

    [Fact]
    public void ReduceStartsFromTheFirstRecord() =>
        Assert.Equal("a=a:3@1 b=b:5@2 W2 a=a:4@3 a=a:11@4 b=b:10@5 Idle Active B1 W5 Wmax",
            Run(Input, s => s.KeyBy(Key).Reduce((x, y) => $"{Key(x)}:{Val(x) + Val(y)}")));

    [Fact]
    public void FailingAggregationFunctionsNameTheirOperator()
    {
        static string FailingOperator(Func<KeyedStream<string, string>, IObservable<StreamElement<string>>> aggregate)
        {
            var output = new Collector<StreamElement<string>>();
            aggregate(new[] { StreamElement.Record("x", 1), StreamElement.Record("x", 2) }.ToObservable().KeyBy(v => v)).Subscribe(output);
            var error = Assert.IsType<StreamOperatorException>(output.Error);
            Assert.Equal("boom", error.InnerException!.Message);
            return error.Operator;
        }

        static T Boom<T>() => throw new InvalidOperationException("boom");
        Assert.Equal("Sum", FailingOperator(k => k.Sum(_ => Boom<int>()).Select(r => r.ToString())));
        Assert.Equal("Average", FailingOperator(k => k.Average(_ => Boom<int>()).Select(r => r.ToString())));
        Assert.Equal("Min", FailingOperator(k => k.Min(_ => Boom<int>()).Select(r => r.ToString())));
        Assert.Equal("Max", FailingOperator(k => k.Max(_ => Boom<int>()).Select(r => r.ToString())));
        Assert.Equal("MinBy", FailingOperator(k => k.MinBy(_ => Boom<int>()).Select(r => r.ToString())));
        Assert.Equal("MaxBy", FailingOperator(k => k.MaxBy(_ => Boom<int>()).Select(r => r.ToString())));
        Assert.Equal("Aggregate", FailingOperator(k => k.Aggregate(0, (_, _) => Boom<int>()).Select(r => r.ToString())));
        Assert.Equal("Aggregate", FailingOperator(k => k.Aggregate(new FailingFunction()).Select(r => r.ToString())));
        Assert.Equal("Reduce", FailingOperator(k => k.Reduce((_, _) => Boom<string>()).Select(r => r.ToString())));
    }

    [Fact]
    public void ReduceFailingOnTheSecondRecordKeepsTheFirst()
    {
        var dead = new DeadLetters();
        Assert.Equal("k=5@1 k=7@3", RunInts("5@1 0@2 2@3", s => s.KeyBy(_ => "k", deadLetters: dead).Reduce((a, b) => b == 0 ? throw new InvalidOperationException() : a + b)));
        Assert.Equal(1, dead.Count);
    }

    [Fact]
    public void EachSubscriptionHasItsOwnState()
    {
        var stream = new[] { StreamElement.Record("a", 1), StreamElement.Record("a", 2) }.ToObservable().KeyBy(v => v).Count();
        var first = new Collector<StreamElement<Keyed<string, long>>>();
        var second = new Collector<StreamElement<Keyed<string, long>>>();
        stream.Subscribe(first);
        stream.Subscribe(second);
        Assert.Equal("a=1@1 a=2@2 |", first.Describe());
        Assert.Equal("a=1@1 a=2@2 |", second.Describe());
    }

    [Fact]
    public void ArgumentsAreRequired()
    {
        var keyed = Observable.Empty<StreamElement<int>>().KeyBy(v => v);
        Assert.Equal("selector", Assert.Throws<ArgumentNullException>(() => keyed.Sum((Func<int, int>)null!)).ParamName);
        Assert.Equal("selector", Assert.Throws<ArgumentNullException>(() => keyed.Average((Func<int, int>)null!)).ParamName);
        Assert.Equal("selector", Assert.Throws<ArgumentNullException>(() => keyed.Min((Func<int, int>)null!)).ParamName);
        Assert.Equal("selector", Assert.Throws<ArgumentNullException>(() => keyed.Max((Func<int, int>)null!)).ParamName);
        Assert.Equal("selector", Assert.Throws<ArgumentNullException>(() => keyed.MinBy((Func<int, int>)null!)).ParamName);
        Assert.Equal("selector", Assert.Throws<ArgumentNullException>(() => keyed.MaxBy((Func<int, int>)null!)).ParamName);
        Assert.Equal("accumulate", Assert.Throws<ArgumentNullException>(() => keyed.Aggregate(0, (Func<int, int, int>)null!)).ParamName);
        Assert.Equal("function", Assert.Throws<ArgumentNullException>(() => keyed.Aggregate((IAggregateFunction<int, int, int>)null!)).ParamName);
        Assert.Equal("reduce", Assert.Throws<ArgumentNullException>(() => keyed.Reduce(null!)).ParamName);
    }

    /// <summary>The range "min..max" of the values, with a reference-type accumulator.</summary>
    private sealed class RangeFunction : IAggregateFunction<string, int[]?, string>
    {
        public int[]? CreateAccumulator() => null;

        public void Add(ref int[]? accumulator, string value)
        {
            var v = Val(value);
            accumulator = accumulator is null ? new[] { v, v } : new[] { Math.Min(accumulator[0], v), Math.Max(accumulator[1], v) };
        }

        public string GetResult(in int[]? accumulator) => $"{accumulator![0]}..{accumulator[1]}";

        public int[]? Merge(int[]? a, int[]? b) => a is null ? b : b is null ? a : new[] { Math.Min(a[0], b[0]), Math.Max(a[1], b[1]) };
    }

    private sealed class FailingFunction : IAggregateFunction<string, int, int>
    {
        public int CreateAccumulator() => throw new InvalidOperationException("boom");

        public void Add(ref int accumulator, string value)
        {
        }

        public int GetResult(in int accumulator) => accumulator;

        public int Merge(int a, int b) => a + b;
    }
}
