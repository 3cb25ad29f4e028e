using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Reactive.Linq;
using System.Runtime;
using System.Runtime.InteropServices;

namespace RxStreams.Bench;

/// <summary>
/// Single-threaded throughput of RxStreams against plain Rx.NET and a hand-written loop, over pre-generated events
/// pushed synchronously by <c>Sources.FromArray</c>. Each case warms up (at least one run and 0.5 s), then runs three
/// times; the best run is reported. Every implementation of a case must produce the same checksum, or the program fails.
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
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine("usage: RxStreams.Bench [--events N | --quick] [--keys K] [--per-ms P] [--disorder MS] [--only 1,2,3] [--filter TEXT] [--runs R]");
            return 2;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RxStreams.Bench: {options.Events:N0} events, {options.Keys:N0} keys, {options.PerMs} event(s) per ms of event time, " +
            $"disorder ≤ {options.Disorder} ms, 1 s tumbling windows, warm-up (≥ 0.5 s) + best of {options.Runs}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} CPU(s), " +
            $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, TieredPGO={Environment.GetEnvironmentVariable("DOTNET_TieredPGO") ?? "default"}"));

        var generation = Stopwatch.StartNew();
        var data = Data.Generate(options);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"generated in {generation.Elapsed.TotalSeconds:F1} s; pre-built stream: {data.Elements.Length - data.Events.Length:N0} watermarks (every {Data.PrebuiltWatermarkEvery:N0} records)"));
        Console.WriteLine();

        var harness = new Harness(options.Events, options.Runs, options.Filter);
        if (options.Only.Contains(1))
        {
            Cases.Stateless(harness, data);
        }

        if (options.Only.Contains(2))
        {
            Cases.RollingSum(harness, data);
        }

        if (options.Only.Contains(3))
        {
            Cases.WindowCount(harness, data);
        }

        harness.Print();
        return harness.Failed ? 1 : 0;
    }
}

/// <summary>Command-line options.</summary>
internal sealed record Options(long Events, int Keys, int PerMs, int Disorder, HashSet<int> Only, int Runs, string? Filter)
{
    public static Options Parse(string[] args)
    {
        long events = 10_000_000;
        var keys = 1_000;
        var perMs = 1;
        var disorder = 100;
        var runs = 3;
        var only = new HashSet<int> { 1, 2, 3 };
        string? filter = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--events":
                    events = long.Parse(Next(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
                    break;
                case "--quick":
                    events = 1_000_000;
                    break;
                case "--keys":
                    keys = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--per-ms":
                    perMs = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--disorder":
                    disorder = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--runs":
                    runs = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--filter":
                    filter = Next();
                    break;
                case "--only":
                    only = new HashSet<int>(Array.ConvertAll(Next().Split(','), s => int.Parse(s, CultureInfo.InvariantCulture)));
                    break;
                default:
                    throw new ArgumentException($"Unknown argument {args[i]}.");
            }
        }

        if (events < 1 || events > Array.MaxLength - (Array.MaxLength / Data.PrebuiltWatermarkEvery) - 1 || keys < 1 || perMs < 1 || runs < 1 ||
            disorder < 0 || disorder >= Data.WindowSize)
        {
            throw new ArgumentException("Need events ≥ 1, keys ≥ 1, per-ms ≥ 1, runs ≥ 1 and 0 ≤ disorder < 1000 ms.");
        }

        return new(events, keys, perMs, disorder, only, runs, filter);
    }
}

/// <summary>One input event: 16 bytes.</summary>
internal readonly record struct Event(int Key, int Value, long Timestamp);

/// <summary>The pre-generated input, shared by every implementation.</summary>
internal sealed class Data
{
    public const long WindowSize = 1_000;
    public const int PrebuiltWatermarkEvery = 1_000;
    public const long BaseTime = 1_700_000_000_000; // a multiple of the window size

    private Data(Event[] events, StreamElement<Event>[] elements, long disorder)
    {
        Events = events;
        Elements = elements;
        Disorder = disorder;
    }

    /// <summary>Raw events: key uniform in [0, keys), value in [0, 100), timestamp = base + i / perMs − jitter, jitter uniform in [0, disorder].</summary>
    public Event[] Events { get; }

    /// <summary>The same events as records, with a bounded-out-of-orderness watermark (max timestamp − disorder) every 1,000 records.</summary>
    public StreamElement<Event>[] Elements { get; }

    /// <summary>The out-of-orderness bound, in milliseconds.</summary>
    public long Disorder { get; }

    public static Data Generate(Options options)
    {
        var n = (int)options.Events;
        var random = new Random(20261125);
        var events = new Event[n];
        for (var i = 0; i < n; i++)
        {
            var timestamp = BaseTime + (i / options.PerMs) - random.Next(options.Disorder + 1);
            events[i] = new Event(random.Next(options.Keys), random.Next(100), timestamp);
        }

        var elements = Prestamped.Stamp(events, static e => e.Timestamp, options.Disorder, PrebuiltWatermarkEvery);
        return new Data(events, elements, options.Disorder);
    }
}

internal sealed class Harness(long events, int runs, string? filter)
{
    private readonly List<Row> _rows = new();

    public bool Failed { get; private set; }

    /// <summary>Warm-up run, then the best of <c>runs</c>; the run must give the same checksum every time.</summary>
    public void Measure(string group, string name, Kind kind, Func<Result> run)
    {
        if (filter is not null && !name.Contains(filter, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        // Warm up until the JIT has had time to move the hot methods to tier 1 (its call-counting delay is 100 ms).
        var warmUp = Stopwatch.StartNew();
        var warm = run();
        for (var i = 0; i < 10 && warmUp.Elapsed.TotalSeconds < 0.5; i++)
        {
            run();
        }

        var best = double.MaxValue;
        var bestCpu = double.MaxValue;
        long bestBytes = 0;
        for (var i = 0; i < runs; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var cpu = ThreadCpuTime.Seconds();
            var stopwatch = Stopwatch.StartNew();
            var result = run();
            stopwatch.Stop();
            bestCpu = Math.Min(bestCpu, ThreadCpuTime.Seconds() - cpu);
            var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            if (!result.Checksum.Equals(warm.Checksum))
            {
                Console.Error.WriteLine($"{name}: checksum changed between runs ({warm.Checksum} then {result.Checksum}).");
                Failed = true;
            }

            if (stopwatch.Elapsed.TotalSeconds < best)
            {
                best = stopwatch.Elapsed.TotalSeconds;
                bestBytes = bytes;
            }
        }

        _rows.Add(new Row(group, name, kind, events / best, (double)bestBytes / events, warm));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name,-48} {events / best / 1e6,8:F1} M/s {events / bestCpu / 1e6,8:F1} M/s of thread CPU {(double)bestBytes / events,8:F2} B/ev   {warm.Checksum}{(warm.Watermarks > 0 ? $", {warm.Watermarks:N0} watermarks out" : string.Empty)}"));
    }

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine("| case | M events/s | × plain Rx | × loop | bytes/event | checksum |");
        Console.WriteLine("|---|---:|---:|---:|---:|---|");
        foreach (var row in _rows)
        {
            var rx = _rows.Find(r => r.Group == row.Group && r.Kind == Kind.PlainRx);
            var loop = _rows.Find(r => r.Group == row.Group && r.Kind == Kind.Loop);
            // Without the loop (--filter), compare with the group's first row.
            var reference = loop ?? _rows.Find(r => r.Group == row.Group)!;
            var ok = row.Result.Checksum.Equals(reference.Result.Checksum);
            if (!ok)
            {
                Failed = true;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Group}: {row.Name} | {row.EventsPerSecond / 1e6:F1} | {Ratio(row, rx)} | {Ratio(row, loop)} | {row.BytesPerEvent:F2} | {(ok ? "ok" : "MISMATCH")} {row.Result.Checksum} |"));
        }

        Console.WriteLine();
        Console.WriteLine(Failed
            ? "FAILED: a checksum differs from the loop's or between runs (see above); such a row's throughput means nothing."
            : "All implementations of each case produced the same checksum.");
    }

    private static string Ratio(Row row, Row? baseline) =>
        baseline is null ? "–" : (row.EventsPerSecond / baseline.EventsPerSecond).ToString("F2", CultureInfo.InvariantCulture);

    private sealed record Row(string Group, string Name, Kind Kind, double EventsPerSecond, double BytesPerEvent, Result Result);
}

internal enum Kind
{
    RxStreams,
    PlainRx,
    Loop,
}

/// <summary>What a run produced: its checksum, and how many watermarks reached the end (RxStreams only).</summary>
internal readonly record struct Result(Checksum Checksum, long Watermarks);
