using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Runtime;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Running;

namespace RxStreams.Nexmark.Bench;

/// <summary>
/// The Nexmark bench: pre-generates the events, runs every query (q0, q1, q2, q5, q7 in three variants: RxStreams,
/// plain Rx.NET and a hand-written loop) single-threaded over them, checks that the variants of a query give the same
/// results, and prints events per second, bytes allocated per event and peak working set.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Contains("--bdn"))
        {
            BenchmarkSwitcher.FromTypes([typeof(MicroBenchmarks)]).Run(args.Where(a => a != "--bdn").ToArray());
            return 0;
        }

        int events = 5_000_000, runs = 3;
        var config = new GeneratorConfig();
        string[]? only = null;
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
                switch (args[i])
                {
                    case "--events":
                        events = int.Parse(Next(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
                        break;
                    case "--runs":
                        runs = int.Parse(Next(), CultureInfo.InvariantCulture);
                        break;
                    case "--rate":
                        config = config with { EventsPerSecond = int.Parse(Next(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture) };
                        break;
                    case "--seed":
                        config = config with { Seed = ulong.Parse(Next(), CultureInfo.InvariantCulture) };
                        break;
                    case "--only":
                        only = Next().Split(',');
                        break;
                    default:
                        throw new ArgumentException($"Unknown argument {args[i]}.");
                }
            }

            if (events < 1 || runs < 1)
            {
                throw new ArgumentException("Need --events ≥ 1 and --runs ≥ 1.");
            }

            config.Validate();
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine("usage: RxStreams.Nexmark.Bench [--events N] [--runs R] [--rate EVENTS_PER_S] [--seed S] [--only q0,q5,...] | --bdn [BenchmarkDotNet args]");
            return 2;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Nexmark on RxStreams: {events:N0} events (1 person : 3 auctions : 46 bids), {config.EventsPerSecond:N0} events/s of event time, " +
            $"out of order by ≤ {config.MaxOutOfOrdernessMs} ms, seed {config.Seed}; warm-up + best of {runs}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} CPU(s), " +
            $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, peak working set {(Memory.CanReset ? "reset per query" : "cumulative")}"));

        var generation = Stopwatch.StartNew();
        var data = NexmarkGenerator.Generate(events, config);
        generation.Stop();
        Memory.ResetPeak();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"generated in {generation.Elapsed.TotalSeconds:F1} s; {(data[^1].DateTime - data[0].DateTime) / 1000.0:F0} s of event time; " +
            $"working set with the input: {Memory.WorkingSet() / 1048576.0:F0} MB"));
        Console.WriteLine();

        var harness = new Harness(events, runs);
        var total = Stopwatch.StartNew();
        foreach (var run in Variants.All(data, config).Where(r => only is null || only.Contains(r.Query)))
        {
            harness.Measure(run);
        }

        Console.WriteLine();
        Console.WriteLine(harness.Table());
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"measured in {total.Elapsed.TotalSeconds:F0} s"));
        if (!harness.Consistent)
        {
            Console.Error.WriteLine("FAILED: the variants of a query disagree, or a run changed its results.");
            return 1;
        }

        Console.WriteLine("All variants of each query agree.");
        return 0;
    }
}
