using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Reactive.Concurrency;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Threading;

namespace RxStreams.Parallel.Bench;

/// <summary>
/// Throughput of a keyed tumbling-window count (1 s windows, 1,000 keys) serial and at parallelism 1 and 2
/// (PartitionByKey → Apply(window count) → Merge) over pre-generated events, best of N; then latency percentiles
/// (latency markers every 10 ms, measured after Merge) with a rate-limited generator at 50 % and 90 % of each
/// configuration's measured maximum, on the real clock.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var options = Options.Parse(args);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RxStreams.Parallel.Bench: {options.Events:N0} events, {options.Keys:N0} keys, 1 event/ms of event time, disorder ≤ {options.Disorder} ms, 1 s tumbling windows; best of {options.Runs} after a warm-up run"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} CPU(s), {(GCSettings.IsServerGC ? "server" : "workstation")} GC, concurrent GC {(GCSettings.LatencyMode != GCLatencyMode.Batch ? "on" : "off")}"));

        var data = Data.Generate(options);
        Console.WriteLine();
        Console.WriteLine("## Throughput (events/s, best run)");
        Console.WriteLine();
        Console.WriteLine("| pipeline | feed | M events/s | × parallelism 1 | × serial | CPU ns/event, all threads | results | checksum |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---|");

        var failed = false;
        var maxima = new Dictionary<int, double>();
        foreach (var feed in new[] { Feed.WithEventTime, Feed.Prebuilt })
        {
            var rows = new List<(string Name, int Parallelism, double Rate, double CpuNs, Checksum Checksum)>();
            foreach (var parallelism in new[] { 0, 1, 2, 4, -2 })
            {
                var best = 0.0;
                var bestCpu = double.MaxValue;
                Checksum checksum = default;
                for (var run = 0; run <= options.Runs; run++)
                {
                    var (seconds, cpuSeconds, sum) = Throughput.Run(data, feed, parallelism);
                    checksum = sum;
                    if (run > 0)
                    {
                        best = Math.Max(best, options.Events / seconds);
                        bestCpu = Math.Min(bestCpu, cpuSeconds * 1e9 / options.Events);
                    }
                }

                rows.Add((parallelism switch { 0 => "serial", < 0 => $"{-parallelism} partitioned sources (no exchange)", _ => $"parallelism {parallelism}" }, parallelism, best, bestCpu, checksum));
                if (feed == Feed.WithEventTime)
                {
                    maxima[parallelism] = best;
                }
            }

            var serial = rows[0].Rate;
            var p1 = rows[1].Rate;
            foreach (var (name, parallelism, rate, cpuNs, checksum) in rows)
            {
                var ok = checksum.Equals(rows[0].Checksum);
                failed |= !ok;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {FeedName(feed)} | {rate / 1e6:F2} | {(parallelism == 0 ? "–" : (rate / p1).ToString("F2", CultureInfo.InvariantCulture))} | {rate / serial:F2} | {cpuNs:F1} | {checksum.Count:N0} | {(ok ? "ok" : "MISMATCH")} {checksum.Sum & 0xFFFFFFFFFFFF:x12} |"));
            }
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"## Latency (markers every 10 ms, measured after the window and Merge; Sources.Generate on Scheduler.Default, {options.LatencySeconds} s per row)"));
        Console.WriteLine();
        Console.WriteLine("| pipeline | target rate | achieved | p50 ms | p95 ms | p99 ms | max ms | markers | max queue | producer blocked |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var parallelism in new[] { 0, 1, 2 })
        {
            foreach (var load in new[] { 0.5, 0.9 })
            {
                var rate = Math.Round(maxima[parallelism] * load / 1000) * 1000;
                var result = Latency.Run(options, parallelism, rate);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {(parallelism == 0 ? "serial" : $"parallelism {parallelism}")} | {rate / 1e6:F2} M/s ({load:P0}) | {result.Achieved / 1e6:F2} M/s | {Ms(result.Latency?.P50)} | {Ms(result.Latency?.P95)} | {Ms(result.Latency?.P99)} | {Ms(result.Latency?.Max)} | {result.Latency?.Samples ?? 0:N0} | {(parallelism == 0 ? "–" : $"{result.MaxOccupancy:N0} / {result.Capacity:N0}")} | {(parallelism == 0 ? "–" : $"{result.Blocked.TotalMilliseconds:N0} ms")} |"));
            }
        }

        return failed ? 1 : 0;
    }

    private static string FeedName(Feed feed) => feed == Feed.WithEventTime ? "WithEventTime (WM per record)" : "pre-built (WM/1000)";

    private static string Ms(TimeSpan? value) => value is { } v ? v.TotalMilliseconds.ToString("F2", CultureInfo.InvariantCulture) : "–";
}

/// <summary>How events enter the pipeline.</summary>
internal enum Feed
{
    /// <summary>Raw events through WithEventTime(ForBoundedOutOfOrderness): a watermark after every record that raises it.</summary>
    WithEventTime,

    /// <summary>Pre-built stream elements with a watermark every 1,000 records (as a periodic watermark would).</summary>
    Prebuilt,
}

/// <summary>Command-line options.</summary>
internal sealed record Options(int Events, int Keys, int Disorder, int Runs, int LatencySeconds)
{
    public static Options Parse(string[] args)
    {
        var events = 10_000_000;
        var keys = 1_000;
        var disorder = 100;
        var runs = 3;
        var latencySeconds = 10;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--events":
                    events = int.Parse(Next(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
                    break;
                case "--keys":
                    keys = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--disorder":
                    disorder = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--runs":
                    runs = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--latency-seconds":
                    latencySeconds = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--quick":
                    events = 2_000_000;
                    latencySeconds = 3;
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}; options: --events N --keys K --disorder MS --runs R --latency-seconds S --quick");
            }
        }

        return new Options(events, keys, disorder, runs, latencySeconds);
    }
}

/// <summary>One event: a key and an event time in milliseconds.</summary>
internal readonly record struct Event(int Key, long Timestamp);

/// <summary>The pre-generated input: raw events and the same as stream elements with a watermark every 1,000 records.</summary>
internal sealed class Data
{
    public const long Base = 1_700_000_000_000;

    private Data(Event[] events, StreamElement<Event>[] elements, int disorder)
    {
        Events = events;
        Elements = elements;
        Disorder = disorder;
    }

    public Event[] Events { get; }

    public StreamElement<Event>[] Elements { get; }

    public int Disorder { get; }

    public static Data Generate(Options options)
    {
        var random = new Random(42);
        var events = new Event[options.Events];
        var elements = new List<StreamElement<Event>>(options.Events + (options.Events / 1000) + 1);
        var max = long.MinValue;
        for (var i = 0; i < events.Length; i++)
        {
            // One event per millisecond of event time, up to `disorder` ms older than its position.
            events[i] = new Event(random.Next(options.Keys), Base + i - random.Next(options.Disorder + 1));
            max = Math.Max(max, events[i].Timestamp);
            elements.Add(StreamElement.Record(events[i], events[i].Timestamp));
            if ((i + 1) % 1000 == 0)
            {
                elements.Add(StreamElement.Watermark<Event>(max - options.Disorder));
            }
        }

        elements.Add(StreamElement.Watermark<Event>(Watermark.MaxValue));
        return new Data(events, elements.ToArray(), options.Disorder);
    }
}

/// <summary>Collects window results into a checksum and signals the end; calls arrive serialized (Merge's gate).</summary>
internal sealed class ResultSink : IBatchObserver<StreamElement<WindowResult<int, long>>>, IDisposable
{
    private readonly ManualResetEventSlim _done = new();
    private Checksum _checksum;
    private Exception? _error;

    public void OnNext(StreamElement<WindowResult<int, long>> value)
    {
        if (value.IsRecord)
        {
            _checksum.Add(value.Value.Key, value.Value.Window.Start, value.Value.Value);
        }
    }

    public void OnNextBatch(ReadOnlySpan<StreamElement<WindowResult<int, long>>> values)
    {
        foreach (ref readonly var value in values)
        {
            OnNext(value);
        }
    }

    public void OnError(Exception error)
    {
        _error = error;
        _done.Set();
    }

    public void OnCompleted() => _done.Set();

    public Checksum Wait(TimeSpan timeout)
    {
        if (!_done.Wait(timeout))
        {
            throw new TimeoutException("The pipeline did not complete.");
        }

        return _error is null ? _checksum : throw new InvalidOperationException("The pipeline failed.", _error);
    }

    public void Dispose() => _done.Dispose();
}

/// <summary>The throughput runs.</summary>
internal static class Throughput
{
    private static IObservable<StreamElement<WindowResult<int, long>>> Windows(IObservable<StreamElement<Event>> events) =>
        events.KeyBy(static e => e.Key).Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(1))).Count();

    private static IObservable<StreamElement<Event>> Source(Data data, Feed feed, Event[] events, StreamElement<Event>[] elements) =>
        feed == Feed.WithEventTime
            ? Sources.FromArray(events).WithEventTime(static e => e.Timestamp, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(data.Disorder)))
            : Sources.FromArray(elements);

    /// <summary>
    /// The input already split by key into <paramref name="partitions"/> sources (as a partitioned log would be), each
    /// read by its own task with its windows chained: data parallelism without an exchange. Pre-built partitions keep
    /// every watermark.
    /// </summary>
    private static ParallelStream<Event> Partitioned(Data data, Feed feed, int partitions)
    {
        var sources = new IObservable<StreamElement<Event>>[partitions];
        for (var p = 0; p < partitions; p++)
        {
            var part = p;
            var events = Array.FindAll(data.Events, e => e.Key % partitions == part);
            var elements = Array.FindAll(data.Elements, e => !e.IsRecord || e.Value.Key % partitions == part);
            sources[p] = Source(data, feed, events, elements);
        }

        return ParallelStream.FromPartitions(sources);
    }

    /// <summary>One run: seconds from subscription to completion, and the results' checksum. Parallelism 0 is the serial pipeline; a negative one, that many partitioned sources.</summary>
    public static (double Seconds, double CpuSeconds, Checksum Checksum) Run(Data data, Feed feed, int parallelism)
    {
        var source = Source(data, feed, data.Events, data.Elements);
        var pipeline = parallelism switch
        {
            0 => Windows(source),
            < 0 => Partitioned(data, feed, -parallelism).Apply(Windows).Merge(),
            _ => source.PartitionByKey(static e => e.Key, parallelism).Apply(Windows).Merge(),
        };

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var sink = new ResultSink();
        var process = System.Diagnostics.Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        using var subscription = pipeline.Subscribe(sink);
        var checksum = sink.Wait(TimeSpan.FromMinutes(5));
        var seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        return (seconds, (process.TotalProcessorTime - cpu).TotalSeconds, checksum);
    }
}

/// <summary>The latency runs.</summary>
internal static class Latency
{
    public sealed record Result(double Achieved, LatencyPercentiles? Latency, int MaxOccupancy, int Capacity, TimeSpan Blocked);

    public static Result Run(Options options, int parallelism, double rate)
    {
        using var metrics = new StreamMetrics(Scheduler.Default, "latency");
        var count = (long)(rate * options.LatencySeconds);
        var source = Sources.Generate(new GeneratorOptions { RatePerSecond = rate, Keys = options.Keys, Count = count, Seed = 1 }, Scheduler.Default)
            .WithEventTime(static e => e.Timestamp, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(options.Disorder)))
            .WithLatencyMarkers(TimeSpan.FromMilliseconds(10), Scheduler.Default);
        IObservable<StreamElement<WindowResult<int, long>>> Windows(IObservable<StreamElement<GeneratedEvent>> events) =>
            events.KeyBy(static e => e.Key).Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(1))).Count();
        var pipeline = parallelism == 0
            ? Windows(source)
            : source.PartitionByKey(static e => e.Key, parallelism).Apply(Windows).Merge(metrics);

        GC.Collect();
        using var sink = new ResultSink();
        var clock = Stopwatch.StartNew();
        using (pipeline.Measure("end", metrics).Subscribe(sink))
        {
            sink.Wait(TimeSpan.FromSeconds(options.LatencySeconds * 20));
        }

        var elapsed = clock.Elapsed.TotalSeconds;
        var snapshot = metrics.Snapshot();
        var end = snapshot.Operators.Single(o => o.Name == "end");
        var channels = snapshot.Channels;
        return new Result(
            count / elapsed,
            end.Latency,
            channels.Count == 0 ? 0 : channels.Max(c => c.MaxOccupancy),
            channels.Count == 0 ? 0 : channels[0].Capacity,
            channels.Aggregate(TimeSpan.Zero, (sum, c) => sum + c.BlockedTime));
    }
}
