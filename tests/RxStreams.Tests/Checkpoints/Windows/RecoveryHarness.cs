using System.Reactive.Concurrency;
using CsCheck;
using MemoryPack;
using Microsoft.Reactive.Testing;
using RxStreams.Checkpoints;
using RxStreams.Tests.Checkpoints.Jobs;

namespace RxStreams.Tests.Checkpoints.Windows;

/// <summary>A keyed event of the recovery tests: its key, event time and a value to aggregate (MemoryPack makes it checkpointable).</summary>
[MemoryPackable]
internal readonly partial record struct Ev(string Key, long Time, int Value)
{
    public override string ToString() => $"{Key}:{Time}:{Value}";
}

/// <summary>
/// Runs a checkpointed job under a <see cref="TestScheduler"/> (one record per ms, a checkpoint every 7 ms, synchronous
/// snapshots), once without failure and once failing at a chosen record, and compares the outputs.
/// </summary>
internal static class RecoveryHarness
{
    private static readonly SourceOptions OneRecordPerMs = new() { RecordsPerStep = 1, Pace = TimeSpan.FromMilliseconds(1) };

    /// <summary>
    /// Random out-of-order inputs (3 keys, times about 2 ms apart with up to 12 ms of disorder, so that with a 5 ms
    /// bound some records are late) and a crash point among their records.
    /// </summary>
    public static readonly Gen<(Ev[] Events, int CrashAt)> Inputs =
        Gen.Int[20, 60].SelectMany(count =>
            Gen.Select(Gen.Int[0, 2], Gen.Int[0, 12], Gen.Int[1, 9]).Array[count]
                .Select(Gen.Int[1, count], (steps, crashAt) => (
                    steps.Select((s, i) => new Ev("k" + s.Item1, (i * 2) + s.Item2, s.Item3)).ToArray(),
                    crashAt)));

    /// <summary>The source every recovery job reads: replayable, bounded disorder of 5 ms, failing once at the n-th record.</summary>
    public static IObservable<StreamElement<Ev>> Source(IReadOnlyList<Ev> events, StreamJobTest.FailOnce failures, string name = "events") =>
        ReplayableSource.FromList(events, name, OneRecordPerMs)
            .WithEventTime(e => e.Time, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(5)))
            .Where(e =>
            {
                failures.Check();
                return true;
            });

    /// <summary>
    /// The pipeline run without failure and failing once at <paramref name="crashAt"/> must give the same output once
    /// duplicates (results between the restored checkpoint and the failure, emitted again) are removed; returns the
    /// failure-free output.
    /// </summary>
    public static List<string> AssertRecovers<T>(Func<IScheduler, StreamJobTest.FailOnce, IObservable<StreamElement<T>>> pipeline, int crashAt)
    {
        var expected = Run(pipeline, null, out var clean);
        var actual = Run(pipeline, crashAt, out var failed);
        Assert.Equal(0, clean.Restarts);
        Assert.Equal(1, failed.Restarts);
        Assert.Equal(expected.Count, expected.Distinct().Count());
        Assert.Equal(expected, actual.Distinct().ToList());
        return expected;
    }

    /// <summary>Runs the job to its end; the output records as <c>value@timestamp</c>.</summary>
    public static List<string> Run<T>(
        Func<IScheduler, StreamJobTest.FailOnce, IObservable<StreamElement<T>>> pipeline, int? crashAt, out CheckpointStatistics statistics)
    {
        var failures = new StreamJobTest.FailOnce(crashAt);
        return Jobs.JobCompositionTest.RunJob(scheduler => pipeline(scheduler, failures), out statistics);
    }
}
