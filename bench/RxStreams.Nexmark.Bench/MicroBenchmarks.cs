using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using RxStreams.Nexmark.Queries;

namespace RxStreams.Nexmark.Bench;

/// <summary>
/// BenchmarkDotNet micro-benchmarks of q1 (stateless) and q7 (tumbling-window maximum) in the three variants, over
/// pre-generated events: <c>dotnet run -c Release --project bench/RxStreams.Nexmark.Bench -- --bdn</c>. Not run by CI.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class MicroBenchmarks
{
    private Event[] _events = [];
    private IObservable<Event> _source = null!;
    private TimeSpan _bound;

    /// <summary>Events per operation.</summary>
    [Params(1_000_000)]
    public int Events { get; set; }

    /// <summary>Generates the events.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var config = new GeneratorConfig();
        _events = NexmarkGenerator.Generate(Events, config);
        _source = Sources.FromArray(_events);
        _bound = config.MaxOutOfOrderness;
    }

    /// <summary>q1 as a hand-written loop.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("q1")]
    public long Q1Loop()
    {
        var sink = default(LoopChecksum<Bid>);
        Q1CurrencyConversion.Loop(_events, ref sink);
        return sink.Checksum.Sum;
    }

    /// <summary>q1 in plain Rx.NET.</summary>
    [Benchmark]
    [BenchmarkCategory("q1")]
    public long Q1PlainRx()
    {
        var sink = new RxChecksum<Bid>();
        Q1CurrencyConversion.PlainRx(_source).Subscribe(sink).Dispose();
        return sink.Checksum.Sum;
    }

    /// <summary>q1 on RxStreams.</summary>
    [Benchmark]
    [BenchmarkCategory("q1")]
    public long Q1RxStreams()
    {
        var sink = new StreamChecksum<Bid>();
        Q1CurrencyConversion.RxStreams(_source.WithNexmarkEventTime(_bound)).Subscribe(sink).Dispose();
        return sink.Checksum.Sum;
    }

    /// <summary>q7 as a hand-written loop.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("q7")]
    public long Q7Loop()
    {
        var sink = default(LoopChecksum<HighestBid>);
        Q7HighestBid.Loop(_events, _bound, ref sink);
        return sink.Checksum.Sum;
    }

    /// <summary>q7 in plain Rx.NET.</summary>
    [Benchmark]
    [BenchmarkCategory("q7")]
    public long Q7PlainRx()
    {
        var sink = new RxChecksum<HighestBid>();
        Q7HighestBid.PlainRx(_source, _bound).Subscribe(sink).Dispose();
        return sink.Checksum.Sum;
    }

    /// <summary>q7 on RxStreams.</summary>
    [Benchmark]
    [BenchmarkCategory("q7")]
    public long Q7RxStreams()
    {
        var sink = new StreamChecksum<HighestBid>();
        Q7HighestBid.RxStreams(_source.WithNexmarkEventTime(_bound)).Subscribe(sink).Dispose();
        return sink.Checksum.Sum;
    }
}
