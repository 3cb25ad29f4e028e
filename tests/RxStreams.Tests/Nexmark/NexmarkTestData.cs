using System.Reactive.Linq;
using RxStreams.Nexmark;

namespace RxStreams.Tests.Nexmark;

/// <summary>Small generated streams for the Nexmark tests, and helpers to run the three versions of a query.</summary>
public static class NexmarkTestData
{
    /// <summary>10,000 events at 250 per second of event time (40 s), up to 500 ms out of order.</summary>
    public static readonly NexmarkCase Small = new("seed 1, 10k events, 250/s, 500 ms", 10_000, new GeneratorConfig
    {
        Seed = 1,
        EventsPerSecond = 250,
        MaxOutOfOrderness = TimeSpan.FromMilliseconds(500),
    });

    /// <summary>6,000 events at 100 per second (60 s), up to 3 s out of order, fewer people and auctions in flight.</summary>
    public static readonly NexmarkCase Disordered = new("seed 2, 6k events, 100/s, 3 s", 6_000, new GeneratorConfig
    {
        Seed = 2,
        EventsPerSecond = 100,
        MaxOutOfOrderness = TimeSpan.FromSeconds(3),
        ActivePeople = 50,
        InFlightAuctions = 20,
    });

    public static TheoryData<string> Cases => new() { Small.Name, Disordered.Name };

    public static NexmarkCase Get(string name) => name == Small.Name ? Small : name == Disordered.Name ? Disordered : throw new ArgumentException(name);
}

/// <summary>One generated stream and its settings.</summary>
public sealed class NexmarkCase
{
    public NexmarkCase(string name, int count, GeneratorConfig config)
    {
        Name = name;
        Config = config;
        Events = NexmarkGenerator.Generate(count, config);
    }

    public string Name { get; }

    public GeneratorConfig Config { get; }

    public Event[] Events { get; }

    /// <summary>Runs an RxStreams query over the events; returns the records, in order, and checks that the stream completed.</summary>
    public List<T> RunRxStreams<T>(Func<IObservable<StreamElement<Event>>, IObservable<StreamElement<T>>> query)
    {
        var results = new List<T>();
        var completed = false;
        var watermarks = 0;
        query(Sources.FromArray(Events).WithNexmarkEventTime(Config.MaxOutOfOrderness)).Subscribe(
            e =>
            {
                if (e.IsRecord)
                {
                    results.Add(e.Value);
                }
                else if (e.IsWatermark)
                {
                    watermarks++;
                }
            },
            error => throw new InvalidOperationException("The query failed.", error),
            () => completed = true);
        Assert.True(completed, "the query did not complete");
        Assert.True(watermarks > 0, "no watermark reached the output");
        return results;
    }

    /// <summary>Runs a plain Rx.NET query over the events.</summary>
    public List<T> RunPlainRx<T>(Func<IObservable<Event>, IObservable<T>> query)
    {
        var results = new List<T>();
        var completed = false;
        query(Sources.FromArray(Events)).Subscribe(results.Add, error => throw new InvalidOperationException("The query failed.", error), () => completed = true);
        Assert.True(completed, "the query did not complete");
        return results;
    }
}

/// <summary>Collects the results of a hand-written loop.</summary>
public sealed class ListSink<T> : IResultSink<T>
{
    public List<T> Results { get; } = new();

    public void Add(T result) => Results.Add(result);
}

/// <summary>Exact comparison of result sets.</summary>
public static class ResultAssert
{
    /// <summary>The same results, each as many times, in any order; at least <paramref name="atLeast"/> of them.</summary>
    public static void SameMultiset<T>(IReadOnlyCollection<T> expected, IReadOnlyCollection<T> actual, int atLeast = 1)
        where T : notnull
    {
        Assert.True(expected.Count >= atLeast, $"the reference has only {expected.Count} results; the test needs at least {atLeast} to mean something");
        var remaining = new Dictionary<T, int>();
        foreach (var item in expected)
        {
            remaining[item] = remaining.GetValueOrDefault(item) + 1;
        }

        var unexpected = new List<T>();
        foreach (var item in actual)
        {
            if (remaining.TryGetValue(item, out var count) && count > 0)
            {
                remaining[item] = count - 1;
            }
            else
            {
                unexpected.Add(item);
            }
        }

        var missing = remaining.Where(p => p.Value > 0).Select(p => p.Key).ToList();
        Assert.True(
            unexpected.Count == 0 && missing.Count == 0,
            $"{expected.Count} expected, {actual.Count} actual; unexpected: {string.Join("; ", unexpected.Take(5))}; missing: {string.Join("; ", missing.Take(5))}");
    }
}
