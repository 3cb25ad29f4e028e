using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;

namespace RxStreams.Nexmark.Bench;

/// <summary>One measured query run: the best of the timed runs.</summary>
/// <param name="Run">What was run.</param>
/// <param name="EventsPerSecond">Input events (persons, auctions and bids) per second of wall time.</param>
/// <param name="BytesPerEvent">Bytes allocated on the thread per input event, in the fastest run.</param>
/// <param name="PeakWorkingSet">The largest peak resident size over the timed runs, in bytes (includes the input array).</param>
/// <param name="Checksum">The results' checksum.</param>
public sealed record Measurement(QueryRun Run, double EventsPerSecond, double BytesPerEvent, long PeakWorkingSet, Checksum Checksum);

/// <summary>Runs each query: once to warm up (and, for short runs, more until 0.5 s have passed), then the best of N timed runs.</summary>
public sealed class Harness(long events, int runs)
{
    private readonly List<Measurement> _measurements = new();

    /// <summary>What was measured, in order.</summary>
    public IReadOnlyList<Measurement> Measurements => _measurements;

    /// <summary>False when a run's checksum changed between runs or differed from another variant's.</summary>
    public bool Consistent { get; private set; } = true;

    /// <summary>Warms up and measures one run.</summary>
    public Measurement Measure(QueryRun run)
    {
        var warmUp = Stopwatch.StartNew();
        var expected = run.Run();
        for (var i = 0; i < 10 && warmUp.Elapsed.TotalSeconds < 0.5; i++)
        {
            run.Run();
        }

        var best = double.MaxValue;
        var bestBytes = 0L;
        var peak = 0L;
        for (var i = 0; i < runs; i++)
        {
            Memory.ResetPeak();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var stopwatch = Stopwatch.StartNew();
            var checksum = run.Run();
            stopwatch.Stop();
            var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            peak = Math.Max(peak, Memory.PeakWorkingSet());
            if (!checksum.Equals(expected))
            {
                Console.Error.WriteLine($"{run.Query} {run.Variant}: the checksum changed between runs ({expected} then {checksum}).");
                Consistent = false;
            }

            if (stopwatch.Elapsed.TotalSeconds < best)
            {
                best = stopwatch.Elapsed.TotalSeconds;
                bestBytes = bytes;
            }
        }

        var measurement = new Measurement(run, events / best, (double)bestBytes / events, peak, expected);
        var other = _measurements.Find(m => m.Run.Query == run.Query);
        if (other is not null && !other.Checksum.Equals(expected))
        {
            Console.Error.WriteLine($"{run.Query}: {run.Variant} disagrees with {other.Run.Variant} ({expected.Count:N0} results / {expected} vs {other.Checksum.Count:N0} / {other.Checksum}).");
            Consistent = false;
        }

        _measurements.Add(measurement);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {run.Query,-4} {run.Variant,-10} {measurement.EventsPerSecond / 1e6,8:F2} M ev/s {measurement.BytesPerEvent,9:F2} B/ev {measurement.PeakWorkingSet / 1048576.0,8:F0} MB peak   {expected.Count,12:N0} results, checksum {expected}"));
        return measurement;
    }

    /// <summary>The Markdown table of all measurements, with the ratios to plain Rx and to the loop of the same query.</summary>
    public string Table()
    {
        var lines = new List<string>
        {
            "| query | variant | M events/s | RxStreams / Rx | RxStreams / loop | bytes/event | peak WS (MB) | results | checksum |",
            "|---|---|---:|---:|---:|---:|---:|---:|---|",
        };
        foreach (var m in _measurements)
        {
            string rx = "", loop = "";
            if (m.Run.Variant == Variant.RxStreams)
            {
                rx = Ratio(m, Variant.PlainRx);
                loop = Ratio(m, Variant.Loop);
            }

            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {m.Run.Query} {m.Run.Title} | {Name(m.Run.Variant)} | {m.EventsPerSecond / 1e6:F2} | {rx} | {loop} | {m.BytesPerEvent:F2} | {m.PeakWorkingSet / 1048576.0:F0} | {m.Checksum.Count:N0} | {m.Checksum} |"));
        }

        return string.Join(Environment.NewLine, lines);
    }

    private static string Name(Variant variant) => variant switch
    {
        Variant.RxStreams => "RxStreams",
        Variant.PlainRx => "plain Rx.NET",
        _ => "hand-written loop",
    };

    private string Ratio(Measurement m, Variant baseline)
    {
        var other = _measurements.FirstOrDefault(o => o.Run.Query == m.Run.Query && o.Run.Variant == baseline);
        return other is null ? "" : string.Create(CultureInfo.InvariantCulture, $"{m.EventsPerSecond / other.EventsPerSecond:F2}×");
    }
}
