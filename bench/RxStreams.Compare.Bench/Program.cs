using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Runtime;
using System.Runtime.InteropServices;

namespace RxStreams.Compare.Bench;

/// <summary>
/// The workloads of issue 14 on RxStreams, Microsoft Trill (when built, see bench/trill/build.sh), plain Rx.NET and
/// hand-written loops, in one process on the same pre-generated data. Every variant of a workload must give the same
/// checksum in every round, or the program reports it and exits with 1.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        Options options;
        try
        {
            options = Options.Parse(args);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(Options.Usage);
            return 2;
        }

        TrillVariants.Configure(options);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RxStreams.Compare.Bench: {options.Events:N0} events of {Marshal.SizeOf<Event>()} bytes per workload, disorder ≤ {options.Disorder} ms, " +
            $"warm-up (≥ 1 run, ≥ 0.5 s) then {options.Rounds} rounds, the variants of a workload taking turns in each round"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} CPU(s), " +
            $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, Trill: {TrillVariants.Description}"));
        Console.WriteLine();

        var harness = new Harness(options.Rounds, options.VariantFilter, options.Skip, options.AllocByType ? new AllocationSampler() : null);
        foreach (var workload in Workloads.All(options))
        {
            if (options.Only.Contains(workload.Number))
            {
                harness.Run(workload);
            }
        }

        harness.PrintTable();
        return harness.Failed ? 1 : 0;
    }
}

/// <summary>Command-line options.</summary>
internal sealed record Options(
    int Events, int Rounds, HashSet<int> Only, string[]? VariantFilter, string[] Skip, int Disorder, int DensePerMs, int ManyKeys, int ManyKeysPerMs, int TrillBatch, bool AllocByType)
{
    public const string Usage =
        "usage: RxStreams.Compare.Bench [--events N | --quick] [--rounds R] [--only 1,4] [--variants TEXT[,TEXT]] [--skip W:TEXT[,W:TEXT]] [--disorder MS]\n" +
        "                               [--dense-per-ms P] [--many-keys K] [--many-keys-per-ms P] [--trill-batch B] [--alloc-by-type]";

    public static Options Parse(string[] args)
    {
        var events = 10_000_000;
        var rounds = 5;
        var only = new HashSet<int> { 1, 2, 3, 4, 5, 6, 7 };
        string[]? variants = null;
        var skip = Array.Empty<string>();
        var disorder = 100;
        var densePerMs = 1_000;
        var manyKeys = 1_000_000;
        var manyKeysPerMs = 1_000;
        var trillBatch = 80_000;
        var allocByType = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Int() => int.Parse(Next(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--events": events = Int(); break;
                case "--quick": events = 1_000_000; rounds = 3; break;
                case "--rounds": rounds = Int(); break;
                case "--only": only = new HashSet<int>(Next().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))); break;
                case "--variants": variants = Next().Split(','); break;
                case "--skip": skip = Next().Split(','); break;
                case "--disorder": disorder = Int(); break;
                case "--dense-per-ms": densePerMs = Int(); break;
                case "--many-keys": manyKeys = Int(); break;
                case "--many-keys-per-ms": manyKeysPerMs = Int(); break;
                case "--trill-batch": trillBatch = Int(); break;
                case "--alloc-by-type": allocByType = true; break;
                default: throw new ArgumentException($"Unknown argument {args[i]}.");
            }
        }

        if (events < 1 || rounds < 1 || disorder < 0 || disorder >= 1_000 || densePerMs < 1 || manyKeys < 1 || manyKeysPerMs < 1 || trillBatch < 1)
        {
            throw new ArgumentException("Need events, rounds, per-ms values, keys and the Trill batch ≥ 1, and 0 ≤ disorder < 1000 ms.");
        }

        return new(events, rounds, only, variants, skip, disorder, densePerMs, manyKeys, manyKeysPerMs, trillBatch, allocByType);
    }
}

/// <summary>
/// One input record: 24 bytes. Public, with public fields, for Trill: it runs columnar batches only for payload types
/// its generated code can see and take apart (a positional record struct made it fall back to row batches).
/// </summary>
public struct Event
{
    public long Key;
    public long Value;
    public long Timestamp;

    public Event(long key, long value, long timestamp)
    {
        Key = key;
        Value = value;
        Timestamp = timestamp;
    }
}

/// <summary>The pre-generated input of a workload, in the forms the variants take, built once and shared.</summary>
internal sealed class Data
{
    public const int PrestampedWatermarkEvery = 1_000;
    public const long BaseTime = 1_700_000_000_000; // a multiple of every window size used

    private StreamElement<Event>[]? _elements;

    private Data(Event[] events, int keys, int perMs, int disorder)
    {
        Events = events;
        Keys = keys;
        PerMs = perMs;
        Disorder = disorder;
    }

    /// <summary>Raw records: key uniform in [0, keys), value in [0, 1,000,000), timestamp = base + i / perMs − jitter, jitter uniform in [0, disorder].</summary>
    public Event[] Events { get; }

    public int Keys { get; }

    public int PerMs { get; }

    /// <summary>The out-of-orderness bound, in milliseconds; no record is later than that.</summary>
    public int Disorder { get; }

    /// <summary>
    /// The records stamped as <c>StreamElement</c>s with a bounded-out-of-orderness watermark (max timestamp − disorder)
    /// after every 1,000 records, as RxStreams.Bench builds them. Built on first use.
    /// </summary>
    public StreamElement<Event>[] Elements => _elements ??= Prestamped.Stamp(Events, static e => e.Timestamp, Disorder, PrestampedWatermarkEvery);

    /// <summary>Whatever the Trill variant cached from these records (its ingress runs once, outside the timed runs).</summary>
    public object? TrillCache { get; set; }

    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Events.Length:N0} records, {Keys:N0} keys, {PerMs:N0} per ms of event time");

    public static Data Generate(int n, int keys, int perMs, int disorder)
    {
        var random = new Random(20261204);
        var events = new Event[n];
        for (var i = 0; i < n; i++)
        {
            var timestamp = BaseTime + (i / perMs) - random.Next(disorder + 1);
            events[i] = new Event(random.Next(keys), random.Next(1_000_000), timestamp);
        }

        return new Data(events, keys, perMs, disorder);
    }
}

/// <summary>Which implementation a variant is.</summary>
internal enum Kind
{
    RxStreams,
    Trill,
    PlainRx,
    Loop,
}

/// <summary>One implementation of a workload: runs it over all records and returns the checksum of its results.</summary>
internal sealed record Variant(string Name, Kind Kind, Func<Checksum> Run);

/// <summary>A workload: its data and its variants (built lazily, so that only the workloads asked for generate data).</summary>
internal sealed record Workload(int Number, string Title, Func<Data> Data, Func<Data, IEnumerable<Variant>> Variants);

/// <summary>
/// Runs the variants of a workload: each warms up (at least one run and 0.5 s), then in every round each variant runs
/// once, in turn, after a full GC; the rate of each round is kept, and the table reports the best and the median.
/// </summary>
internal sealed class Harness(int rounds, string[]? variantFilter, string[] skip, AllocationSampler? sampler)
{
    private readonly List<Row> _rows = new();

    public bool Failed { get; private set; }

    public void Run(Workload workload)
    {
        var generation = Stopwatch.StartNew();
        var data = workload.Data();
        var variants = workload.Variants(data)
            .Where(v => variantFilter is null || variantFilter.Any(f => v.Name.Contains(f, StringComparison.OrdinalIgnoreCase)))
            .Where(v => !skip.Any(s => s.StartsWith($"{workload.Number}:", StringComparison.Ordinal) &&
                                       v.Name.Contains(s[(s.IndexOf(':') + 1)..], StringComparison.OrdinalIgnoreCase)))
            .ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{workload.Number} {workload.Title}: {data.Describe()} (data ready in {generation.Elapsed.TotalSeconds:F1} s)"));
        if (variants.Count == 0)
        {
            return;
        }

        var n = data.Events.Length;
        var expected = new Checksum[variants.Count];
        var seconds = new List<double>[variants.Count];
        var cpuSeconds = new List<double>[variants.Count];
        var threadBytes = new List<long>[variants.Count];
        var totalBytes = new List<long>[variants.Count];
        var peakBytes = new List<long>[variants.Count];
        using var heap = new HeapPeak();
        for (var v = 0; v < variants.Count; v++)
        {
            peakBytes[v] = new();
            var warmUp = Stopwatch.StartNew();
            expected[v] = variants[v].Run();
            for (var i = 0; i < 10 && warmUp.Elapsed.TotalSeconds < 0.5; i++)
            {
                Check(workload, variants[v], expected[v], variants[v].Run());
            }

            seconds[v] = new();
            cpuSeconds[v] = new();
            threadBytes[v] = new();
            totalBytes[v] = new();
            if (!expected[v].Equals(expected[0]))
            {
                Console.Error.WriteLine($"CHECKSUM MISMATCH in workload {workload.Number}: {variants[v].Name} gave {expected[v]}, {variants[0].Name} gave {expected[0]}.");
                Failed = true;
            }
        }

        for (var round = 0; round < rounds; round++)
        {
            for (var v = 0; v < variants.Count; v++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                var thread = GC.GetAllocatedBytesForCurrentThread();
                var total = GC.GetTotalAllocatedBytes(precise: true);
                heap.Start();
                var cpu = ThreadCpuTime.Seconds();
                var stopwatch = Stopwatch.StartNew();
                var checksum = variants[v].Run();
                stopwatch.Stop();
                peakBytes[v].Add(heap.Stop());
                cpuSeconds[v].Add(ThreadCpuTime.Seconds() - cpu);
                threadBytes[v].Add(GC.GetAllocatedBytesForCurrentThread() - thread);
                totalBytes[v].Add(GC.GetTotalAllocatedBytes(precise: true) - total);
                seconds[v].Add(stopwatch.Elapsed.TotalSeconds);
                Check(workload, variants[v], expected[v], checksum);
            }
        }

        for (var v = 0; v < variants.Count; v++)
        {
            var sorted = seconds[v].OrderBy(s => s).ToArray();
            var sortedCpu = cpuSeconds[v].OrderBy(s => s).ToArray();
            var row = new Row(
                workload.Number,
                workload.Title,
                variants[v],
                n / sorted[0],
                n / Median(sorted),
                n / sortedCpu[0],
                n / Median(sortedCpu),
                Median(threadBytes[v].Select(b => (double)b).OrderBy(b => b).ToArray()) / n,
                Median(totalBytes[v].Select(b => (double)b).OrderBy(b => b).ToArray()) / n,
                peakBytes[v].Max() / 1e6,
                expected[v],
                expected[v].Equals(expected[0]));
            _rows.Add(row);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {row.Variant.Name,-46} best {row.BestRate / 1e6,7:F1} median {row.MedianRate / 1e6,7:F1} M/s {1e9 / row.MedianRate,7:F1} ns/ev; thread CPU: best {row.BestCpuRate / 1e6,7:F1} median {row.MedianCpuRate / 1e6,7:F1} M/s {1e9 / row.MedianCpuRate,7:F1} ns/ev; {row.ThreadBytesPerEvent,6:F2} B/ev, peak heap +{row.PeakHeapMegabytes:F0} MB  {row.Checksum}"));
        }

        if (sampler is not null)
        {
            // One more run of each variant, with the allocation sampler on (it is off during the timed rounds).
            foreach (var variant in variants)
            {
                sampler.Start();
                variant.Run();
                Console.WriteLine($"  allocated by {variant.Name}, sampled:");
                foreach (var line in sampler.Stop(n))
                {
                    Console.WriteLine($"    {line}");
                }
            }
        }

        data.TrillCache = null;
    }

    private void Check(Workload workload, Variant variant, Checksum expected, Checksum actual)
    {
        if (!actual.Equals(expected))
        {
            Console.Error.WriteLine($"CHECKSUM CHANGED in workload {workload.Number}: {variant.Name} gave {expected}, then {actual}.");
            Failed = true;
        }
    }

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;

    public void PrintTable()
    {
        Console.WriteLine();
        Console.WriteLine("Rates per second of wall time, and per second of the thread's CPU time (which leaves out waiting for a core on a shared machine).");
        Console.WriteLine("| workload | variant | M events/s best | M events/s median | ns/event (median) | M events/s of thread CPU best | median | ns/event of CPU (median) | B/event (thread) | B/event (process) | peak heap MB | RxStreams ÷ Trill (median wall, median CPU) | checksum |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var row in _rows)
        {
            var trill = _rows.Find(r => r.Workload == row.Workload && r.Variant.Kind == Kind.Trill);
            var ratio = row.Variant.Kind == Kind.RxStreams && trill is not null
                ? string.Create(CultureInfo.InvariantCulture, $"{row.MedianRate / trill.MedianRate:F2}, {row.MedianCpuRate / trill.MedianCpuRate:F2}")
                : string.Empty;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Workload} {row.Title} | {row.Variant.Name} | {row.BestRate / 1e6:F1} | {row.MedianRate / 1e6:F1} | {1e9 / row.MedianRate:F1} | {row.BestCpuRate / 1e6:F1} | {row.MedianCpuRate / 1e6:F1} | {1e9 / row.MedianCpuRate:F1} | {row.ThreadBytesPerEvent:F2} | {row.ProcessBytesPerEvent:F2} | {row.PeakHeapMegabytes:F0} | {ratio} | {(row.Same ? "ok" : "MISMATCH")} {row.Checksum} |"));
        }

        Console.WriteLine();
        Console.WriteLine(Failed
            ? "FAILED: a checksum differs between variants or between runs (see above); such a row's throughput means nothing."
            : "Every variant of each workload produced the same checksum in every run.");
    }

    private sealed record Row(
        int Workload, string Title, Variant Variant, double BestRate, double MedianRate, double BestCpuRate, double MedianCpuRate, double ThreadBytesPerEvent, double ProcessBytesPerEvent, double PeakHeapMegabytes, Checksum Checksum, bool Same);
}
