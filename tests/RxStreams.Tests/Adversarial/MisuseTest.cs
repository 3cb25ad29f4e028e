using System.Reactive.Subjects;
using RxStreams.Testing;

namespace RxStreams.Tests.Adversarial;

/// <summary>
/// Misuse of every kind of operator: a pipeline subscribed twice runs twice, independently; disposing mid-stream stops
/// the output and unsubscribes from the source; an observer that throws gets its exception back at the producer, not
/// swallowed, and the pipeline stops.
/// </summary>
public class MisuseTest
{
    private const string Input = "a@1 b@2 a@3 W4 c@5 a@9 W12 b@13 a@14 W30 b@31 W60";

    public static TheoryData<string> Pipelines => [.. Catalog.Keys];

    private static readonly Dictionary<string, Func<IObservable<StreamElement<string>>, IObservable<string>>> Catalog = new()
    {
        ["Select/Where"] = s => Text(s.Select(v => v.ToUpperInvariant()).Where(v => v != "C")),
        ["SelectMany"] = s => Text(s.SelectMany(v => new[] { v, v + v })),
        ["rolling Count"] = s => Text(s.KeyBy(v => v).Count()),
        ["rolling Max"] = s => Text(s.KeyBy(v => v).Max(v => v.Length)),
        ["tumbling Count"] = s => Text(s.KeyBy(v => v).Window(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(5))).Count()),
        ["sliding Count"] = s => Text(s.KeyBy(v => v).Window(SlidingEventTimeWindows.Of(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(5))).Count()),
        ["session Count"] = s => Text(s.KeyBy(v => v).Window(EventTimeSessionWindows.WithGap(TimeSpan.FromMilliseconds(4))).Count()),
        ["count window"] = s => Text(s.KeyBy(v => v).CountWindow(2).Count()),
        ["window all"] = s => Text(s.WindowAll(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(10))).Count()),
        ["keyed Process"] = s => Text(s.KeyBy(v => v).Process(() => new Echo())),
        ["interval join"] = s => Text(s.IntervalJoin(s, v => v, v => v, TimeSpan.FromMilliseconds(-2), TimeSpan.FromMilliseconds(2), (l, r) => l + r)),
        ["union"] = s => Text(s.Union(s.Select(v => v + "'"))),
        ["Process"] = s => Text(s.Process(() => new Upper())),
        ["keyed co-process"] = s => Text(s.Connect(s.Select(v => v + "'")).KeyBy(v => v, v => v.TrimEnd('\'')).Process(() => new Pair())),
    };

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void APipelineSubscribedTwiceRunsTwiceIndependently(string name)
    {
        var expected = RunOnce(name);
        var subject = new Subject<StreamElement<string>>();
        var pipeline = Catalog[name](subject);
        var first = new List<string>();
        var second = new List<string>();
        using (pipeline.Subscribe(first.Add))
        using (pipeline.Subscribe(second.Add))
        {
            Feed(subject, Input);
        }

        Assert.NotEmpty(expected);
        Assert.Equal(expected, first);
        Assert.Equal(expected, second);
    }

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void DisposingMidStreamStopsTheOutputAndUnsubscribesFromTheSource(string name)
    {
        var subject = new Subject<StreamElement<string>>();
        var output = new List<string>();
        var subscription = Catalog[name](subject).Subscribe(output.Add);
        Feed(subject, "a@1 b@2 W4");
        var before = output.Count;
        subscription.Dispose();

        Assert.False(subject.HasObservers);
        Feed(subject, "c@5 a@9 W12 W60");
        Assert.Equal(before, output.Count);
    }

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void AnObserverThatThrowsGetsItsExceptionBackAtTheProducer(string name)
    {
        var subject = new Subject<StreamElement<string>>();
        var thrown = new InvalidOperationException("the observer failed");
        var calls = 0;
        using var subscription = Catalog[name](subject).Subscribe(_ =>
        {
            calls++;
            throw thrown;
        });

        Exception? caught = null;
        foreach (var element in StreamDescription.Parse(Input))
        {
            try
            {
                subject.OnNext(element);
            }
            catch (Exception ex)
            {
                caught = ex;
                break;
            }
        }

        Assert.Same(thrown, caught);
        Assert.Equal(1, calls);
    }

    private static List<string> RunOnce(string name)
    {
        var subject = new Subject<StreamElement<string>>();
        var output = new List<string>();
        using (Catalog[name](subject).Subscribe(output.Add))
        {
            Feed(subject, Input);
        }

        return output;
    }

    private static void Feed(Subject<StreamElement<string>> subject, string input)
    {
        foreach (var element in StreamDescription.Parse(input))
        {
            subject.OnNext(element);
        }
    }

    private static IObservable<string> Text<T>(IObservable<StreamElement<T>> stream) =>
        System.Reactive.Linq.Observable.Select(stream.Records(), r => r.ToString()!);

    private sealed class Upper : ProcessFunction<string, string>
    {
        public override void ProcessElement(string value, ProcessContext<string> context) => context.Collect(value.ToUpperInvariant());
    }

    private sealed class Pair : KeyedCoProcessFunction<string, string, string, string>
    {
        public override void ProcessElement1(string value, KeyedProcessContext<string, string> context) => context.Collect("1:" + value);

        public override void ProcessElement2(string value, KeyedProcessContext<string, string> context) => context.Collect("2:" + value);
    }

    private sealed class Echo : KeyedProcessFunction<string, string, string>
    {
        private ValueState<int> _seen = null!;

        public override void Open(RuntimeContext context) => _seen = context.GetState(new ValueStateDescriptor<int>("seen"));

        public override void ProcessElement(string value, KeyedProcessContext<string, string> context)
        {
            _seen.Value++;
            context.Collect($"{value}#{_seen.Value}");
        }
    }
}
