using System.Reactive.Linq;
using Microsoft.Reactive.Testing;
using RxStreams;
using RxStreams.Operators;
using RxStreams.Testing;
using static RxStreams.Tests.CoreTestSupport;

namespace RxStreams.Tests.Operators;

/// <summary>
/// <c>WithEventTime</c> followed by <c>Where</c> / <c>Select</c> runs as one operator. Each fused pipeline is compared
/// with the same operators built apart (the internal <c>Where</c> and <c>Select</c> types, which never fuse).
/// </summary>
public class EventTimeFusionTest : ReactiveTest
{
    // Out of order, with records behind the watermark, and records the filters drop that would raise the watermark.
    private static readonly long[] Timestamps = [3, 1, 8, 5, 2, 12, 9, 20, 4, 21, 30, 7, 31];

    /// <summary>The user functions of a pipeline: a filter on the input, a mapping, a filter on the mapped value.</summary>
    private sealed record Functions(Func<long, bool> Even, Func<long, string> Show, Func<string, bool> ShortName);

    private static readonly Functions Plain = new(t => t % 2 == 0, t => $"v{t}", s => s.Length == 2);

    private delegate IObservable<StreamElement<string>> Shape(IObservable<StreamElement<long>> stamped, Functions f, bool fused, DeadLetters? deadLetters);

    private static string Invariant(long t) => t.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static readonly Dictionary<string, Shape> Shapes = new()
    {
        // A Select with other dead letters stays apart, so this is WithEventTime → Where, then Select.
        ["Where"] = (s, f, fused, d) => fused
            ? s.Where(f.Even, d).Select(Invariant, new DeadLetters("unused"))
            : new Select<long, string>(new Where<long>(s, f.Even, d), Invariant, null),
        ["Select"] = (s, f, fused, d) => fused ? s.Select(f.Show, d) : new Select<long, string>(s, f.Show, d),
        ["Where → Select"] = (s, f, fused, d) => fused
            ? s.Where(f.Even, d).Select(f.Show, d)
            : new Select<long, string>(new Where<long>(s, f.Even, d), f.Show, d),
        ["Select → Where"] = (s, f, fused, d) => fused
            ? s.Select(f.Show, d).Where(f.ShortName, d)
            : new Where<string>(new Select<long, string>(s, f.Show, d), f.ShortName, d),
    };

    public static TheoryData<string, string> ShapesAndStrategies()
    {
        var data = new TheoryData<string, string>();
        foreach (var shape in Shapes.Keys)
        {
            foreach (var strategy in new[] { "bounded", "monotonous", "every 3", "punctuated" })
            {
                data.Add(shape, strategy);
            }
        }

        return data;
    }

    private static WatermarkStrategy Strategy(string name) => name switch
    {
        "bounded" => WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(2)),
        "monotonous" => WatermarkStrategy.ForMonotonousTimestamps(),
        "every 3" => WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(1)).WithEmitEvery(3),
        _ => WatermarkStrategy.ForPunctuated<long>((t, _) => t % 3 == 0 ? t : null),
    };

    private static (string Output, List<string> Letters) Run(
        IEnumerable<long> input, Func<long, long> timestampOf, WatermarkStrategy strategy, string shape, bool fused, bool withDeadLetters, Functions? functions = null)
    {
        var deadLetters = withDeadLetters ? new DeadLetters("all") : null;
        var letters = new List<string>();
        using var subscription = deadLetters?.Subscribe(d => letters.Add($"{d.Operator} {d.Record} {d.Timestamp} {d.Error.Message}"));
        var output = new Collector<StreamElement<string>>();
        var stamped = input.ToObservable().WithEventTime(timestampOf, strategy, deadLetters);
        using var _ = Shapes[shape](stamped, functions ?? Plain, fused, deadLetters).Subscribe(output);
        var error = output.Error is StreamOperatorException e ? $" X {e.Operator}: {e.Message}" : "";
        return (output.Describe() + error, letters);
    }

    [Theory]
    [MemberData(nameof(ShapesAndStrategies))]
    public void AFusedPipelineEmitsExactlyWhatTheSeparateOperatorsEmit(string shape, string strategy)
    {
        var fused = Run(Timestamps, t => t, Strategy(strategy), shape, fused: true, withDeadLetters: false);
        var apart = Run(Timestamps, t => t, Strategy(strategy), shape, fused: false, withDeadLetters: false);
        Assert.Equal(apart.Output, fused.Output);
        Assert.Empty(fused.Letters);
    }

    [Fact]
    public void WatermarksComeFromEveryRecordIncludingTheOnesTheFilterDrops()
    {
        var (output, _) = Run([2, 9, 4, 15, 6], t => t, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(1)), "Where → Select", fused: true, withDeadLetters: false);
        Assert.Equal("v2@2 W1 W8 v4@4 W14 v6@6 Wmax |", output);
    }

    public static TheoryData<string, long, string> Failures() => new()
    {
        { "Where", 7, "WithEventTime" },       // the timestamp function fails on 7
        { "Where", 13, "Where" },              // the predicate fails on 13
        { "Select", 12, "Select" },
        { "Where → Select", 7, "WithEventTime" },
        { "Where → Select", 13, "Where" },
        { "Where → Select", 12, "Select" },
        { "Select → Where", 7, "WithEventTime" },
        { "Select → Where", 12, "Select" },
        { "Select → Where", 16, "Where" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void AFailureNamesTheOperatorWhoseFunctionFailedAsWithoutFusion(string shape, long poison, string failedOperator)
    {
        // Each function throws on its own value, so which one fails depends only on the input.
        static long TimestampOf(long t) => t == 7 ? throw new InvalidOperationException("no time") : t;
        var throwing = new Functions(
            t => t == 13 ? throw new InvalidOperationException("no predicate") : t % 2 == 0,
            t => t == 12 ? throw new InvalidOperationException("no map") : $"v{t}",
            s => s == "v16" ? throw new InvalidOperationException("no filter") : s.Length == 2);
        long[] input = [2, poison, 4, 14];
        foreach (var withDeadLetters in new[] { false, true })
        {
            var fused = Run(input, TimestampOf, WatermarkStrategy.ForMonotonousTimestamps(), shape, fused: true, withDeadLetters, throwing);
            var apart = Run(input, TimestampOf, WatermarkStrategy.ForMonotonousTimestamps(), shape, fused: false, withDeadLetters, throwing);
            Assert.Equal(apart.Output, fused.Output);
            Assert.Equal(apart.Letters, fused.Letters);
            if (withDeadLetters)
            {
                Assert.StartsWith(failedOperator + " ", Assert.Single(fused.Letters), StringComparison.Ordinal);
                Assert.EndsWith("Wmax |", fused.Output, StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains($" X {failedOperator}: ", fused.Output, StringComparison.Ordinal);
            }
        }
    }

    private static IObservable<StreamElement<long>> Stamped(DeadLetters? deadLetters = null) =>
        Observable.Empty<long>().WithEventTime(t => t, WatermarkStrategy.ForMonotonousTimestamps(), deadLetters);

    private static string[] NodeNames<T>(IObservable<StreamElement<T>> stream) =>
        stream.DescribeGraph().Nodes.Skip(1).Select(n => n.Name).ToArray();

    [Fact]
    public void TheFusedOperatorIsOneGraphNodeNamedAfterTheChain()
    {
        Assert.Equal(["WithEventTime"], NodeNames(Stamped()));
        Assert.Equal(["WithEventTime → Where"], NodeNames(Stamped().Where(t => t > 0)));
        Assert.Equal(["WithEventTime → Select"], NodeNames(Stamped().Select(t => t + 1)));
        Assert.Equal(["WithEventTime → Where → Select"], NodeNames(Stamped().Where(t => t > 0).Select(t => t + 1)));
        Assert.Equal(["WithEventTime → Select → Where"], NodeNames(Stamped().Select(t => t + 1).Where(t => t > 0)));
        var deadLetters = new DeadLetters("shared");
        Assert.Equal(["WithEventTime → Where → Select"], NodeNames(Stamped(deadLetters).Where(t => t > 0, deadLetters).Select(t => t + 1, deadLetters)));

        // What the stage cannot absorb follows as separate operators, fused among themselves as usual.
        Assert.Equal(["WithEventTime → Where", "Where"], NodeNames(Stamped().Where(t => t > 0).Where(t => t > 1)));
        Assert.Equal(["WithEventTime → Select", "Select"], NodeNames(Stamped().Select(t => t + 1).Select(t => t + 1)));
        Assert.Equal(["WithEventTime → Where → Select", "Where"], NodeNames(Stamped().Where(t => t > 0).Select(t => t + 1).Where(t => t > 1)));
        Assert.Equal(["WithEventTime → Select → Where", "Select"], NodeNames(Stamped().Select(t => t + 1).Where(t => t > 1).Select(t => t + 1)));
        Assert.Equal(["WithEventTime → Where", "Where → Select"], NodeNames(Stamped().Where(t => t > 0).Where(t => t > 1).Select(t => t + 1)));

        var query = from t in Stamped() where t > 0 select t * 2;
        Assert.Equal(["WithEventTime → Where → Select"], NodeNames(query));
    }

    [Fact]
    public void OperatorsWithOtherDeadLettersAreNotFusedAndKeepTheirOwn()
    {
        var stamping = new DeadLetters("stamping");
        var filtering = new DeadLetters("filtering");
        Assert.Equal(["WithEventTime", "Where"], NodeNames(Stamped(stamping).Where(t => t > 0, filtering)));
        Assert.Equal(["WithEventTime", "Select"], NodeNames(Stamped().Select(t => t, filtering)));
        Assert.Equal(["WithEventTime", "Where"], NodeNames(Stamped(stamping).Where(t => t > 0)));
        Assert.Equal(["WithEventTime → Where", "Select"], NodeNames(Stamped(stamping).Where(t => t > 0, stamping).Select(t => t, filtering)));

        var letters = new List<string>();
        using var fromStamping = stamping.Subscribe(d => letters.Add($"{d.Operator} {d.Record}"));
        using var fromFiltering = filtering.Subscribe(d => letters.Add($"{d.Operator} {d.Record}"));
        var output = new Collector<StreamElement<long>>();
        using var _ = new long[] { 1, 7, 0, 4 }.ToObservable()
            .WithEventTime(t => t == 7 ? throw new InvalidOperationException("no time") : t, WatermarkStrategy.ForMonotonousTimestamps(), stamping)
            .Where(t => 8 / t > 1, filtering)
            .Subscribe(output);
        Assert.Equal("1@1 W1 4@4 W4 Wmax |", output.Describe());
        Assert.Equal(["WithEventTime 7", "Where 0"], letters);
        Assert.Equal((1, 1), (stamping.Count, filtering.Count));
    }

    private static string Scheduled(Func<TestScheduler, WatermarkStrategy> strategyOn, string shape, bool fused)
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(
            OnNext(210, 2L),
            OnNext(220, 3L),
            OnNext(230, 8L),
            OnNext(400, 9L),
            OnNext(410, 12L),
            OnNext(470, 5L),
            OnCompleted<long>(600));
        var observer = scheduler.Start(() => Shapes[shape](source.WithEventTime(t => t, strategyOn(scheduler)), Plain, fused, null));
        return Timeline(observer.Messages);
    }

    [Theory]
    [InlineData("Where")]
    [InlineData("Select")]
    [InlineData("Where → Select")]
    [InlineData("Select → Where")]
    public void IdlenessAndPeriodicWatermarksAreThoseOfTheSeparateOperators(string shape)
    {
        static WatermarkStrategy Idle(TestScheduler s) => WatermarkStrategy.ForMonotonousTimestamps().WithIdleness(TimeSpan.FromTicks(50), s);
        static WatermarkStrategy Periodic(TestScheduler s) =>
            WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromTicks(TimeSpan.TicksPerMillisecond)).WithPeriodicEmit(TimeSpan.FromTicks(100), s);
        static WatermarkStrategy Both(TestScheduler s) => Periodic(s).WithIdleness(TimeSpan.FromTicks(50), s);

        foreach (var strategy in new Func<TestScheduler, WatermarkStrategy>[] { Idle, Periodic, Both })
        {
            Assert.Equal(Scheduled(strategy, shape, fused: false), Scheduled(strategy, shape, fused: true));
        }
    }

    [Fact]
    public void AnIdleFilteredStreamGoesActiveOnADroppedRecord()
    {
        var idle = Scheduled(s => WatermarkStrategy.ForMonotonousTimestamps().WithIdleness(TimeSpan.FromTicks(50), s), "Where → Select", fused: true);
        Assert.Equal(
            "210:v2@2 210:W2 220:W3 230:v8@8 230:W8 280:Idle 400:Active 400:W9 410:v12@12 410:W12 460:Idle 470:Active 520:Idle 600:Active 600:Wmax 600:|",
            idle);
    }
}
