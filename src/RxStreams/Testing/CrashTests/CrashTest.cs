using System;
using System.Collections.Generic;
using System.Reactive.Concurrency;
using RxStreams.Checkpoints;

namespace RxStreams.Testing;

/// <summary>
/// Proves a job's delivery guarantee by failing it on purpose: runs the pipeline once without failures, then many times
/// with failures injected at random points (in a record, at a barrier, between a sink's pre-commit and commit, while
/// restoring), each run restarted from its checkpoints until it completes, and compares every run's output with the
/// failure-free one: records lost, duplicated and changed. Runs in virtual time on a <see cref="HistoricalScheduler"/>,
/// so a run is fast and the same seed gives the same runs.
/// </summary>
public static class CrashTest
{
    /// <summary>
    /// Runs the crash test. <paramref name="pipeline"/> builds the job's pipeline as for <see cref="StreamJob.Create{T}"/>
    /// (bounded replayable sources, so a run ends) and gets the run's scheduler for processing-time parts. The output
    /// compared is what <paramref name="readOutput"/> reads from the sinks' system after the run (files, a database),
    /// or, without it, the records the job's observer got.
    /// </summary>
    /// <typeparam name="T">The output record type; records are compared with its default equality.</typeparam>
    /// <param name="pipeline">Builds the pipeline; called for every attempt of every run.</param>
    /// <param name="options">The guarantee, runs, failures; the defaults when null.</param>
    /// <param name="readOutput">Reads the committed output after a run; null takes the job observer's records.</param>
    /// <param name="reset">Empties the sinks' system before each run (delete the files, truncate the table).</param>
    /// <returns>The report; <see cref="CrashTestReport{T}.ThrowIfBroken"/> asserts the guarantee's promise.</returns>
    /// <exception cref="CrashTestException">The failure-free run did not complete.</exception>
    public static CrashTestReport<T> Run<T>(
        Func<IScheduler, IObservable<StreamElement<T>>> pipeline,
        CrashTestOptions? options = null,
        Func<IReadOnlyList<T>>? readOutput = null,
        Action? reset = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        options ??= new CrashTestOptions();
        options.Validate();

        var counting = FaultInjector.None();
        var (reference, referenceStatistics, referenceError) = RunOnce(pipeline, options, counting, readOutput, reset);
        if (referenceError is not null)
        {
            throw new CrashTestException($"The run without failures did not complete: {referenceError.GetType().Name}: {referenceError.Message}");
        }

        var records = Math.Max(1, counting.RecordsSeen);
        var checkpoints = Math.Max(1, referenceStatistics.LastCompletedId);
        var expected = Count(reference);
        var runs = new List<CrashTestRun>(options.Runs);
        for (var run = 0; run < options.Runs; run++)
        {
            var faults = Plan(new Random(unchecked((options.Seed * 1_000_003) + run)), options, records, checkpoints);
            var (output, _, error) = RunOnce(pipeline, options, faults, readOutput, reset);
            var (lost, duplicated, changed) = Compare(expected, output);
            runs.Add(new CrashTestRun(run, faults.Injected, lost, duplicated, changed, error));
        }

        return new CrashTestReport<T>(options.Guarantee, reference, runs);
    }

    private static FaultInjector Plan(Random random, CrashTestOptions options, long records, long checkpoints)
    {
        var kinds = new List<FailurePoints>(4);
        foreach (var kind in new[] { FailurePoints.InRecord, FailurePoints.AtBarrier, FailurePoints.BeforeCommit, FailurePoints.DuringRestore })
        {
            if ((options.FailurePoints & kind) != 0)
            {
                kinds.Add(kind);
            }
        }

        var crashes = random.Next(1, options.MaxCrashesPerRun + 1);
        var inRecords = new List<long>();
        var atBarriers = new List<long>();
        var beforeCommits = new List<long>();
        var inRestores = new List<int>();
        for (var i = 0; i < crashes; i++)
        {
            switch (kinds[random.Next(kinds.Count)])
            {
                case FailurePoints.InRecord:
                    inRecords.Add(random.NextInt64(1, records + 1));
                    break;
                case FailurePoints.AtBarrier:
                    atBarriers.Add(random.NextInt64(1, checkpoints + 1));
                    break;
                case FailurePoints.BeforeCommit:
                    beforeCommits.Add(random.NextInt64(1, checkpoints + 1));
                    break;
                default:
                    // Attempt 1 is the first start, which restores nothing: a restore fails in a restart.
                    inRestores.Add(random.Next(2, options.MaxCrashesPerRun + 3));
                    break;
            }
        }

        return new FaultInjector(inRecords, atBarriers, beforeCommits, inRestores);
    }

    private static (List<T> Output, CheckpointStatistics Statistics, Exception? Error) RunOnce<T>(
        Func<IScheduler, IObservable<StreamElement<T>>> pipeline, CrashTestOptions options, FaultInjector faults, Func<IReadOnlyList<T>>? readOutput, Action? reset)
    {
        reset?.Invoke();
        var scheduler = new HistoricalScheduler();
        // The user's changes first, then what the harness must own.
        var checkpointOptions = new CheckpointOptions { Storage = new InMemoryCheckpointStorage(), AsynchronousSnapshots = false };
        checkpointOptions = options.Configure?.Invoke(checkpointOptions) ?? checkpointOptions;
        checkpointOptions = checkpointOptions with
        {
            Scheduler = scheduler,
            Interval = options.CheckpointInterval,
            Guarantee = options.Guarantee,
            RestartStrategy = RestartStrategy.FixedDelay((2 * options.MaxCrashesPerRun) + 2, TimeSpan.FromMilliseconds(1)),
            Faults = faults,
        };

        var job = StreamJob.Create(() => pipeline(scheduler), checkpointOptions);
        var observer = new OutputObserver<T>();
        using (job.Subscribe(observer))
        {
            var step = TimeSpan.FromMilliseconds(Math.Max(100, options.CheckpointInterval.TotalMilliseconds * 10));
            var elapsed = TimeSpan.Zero;
            while (!observer.Ended && elapsed < options.MaxVirtualTime)
            {
                scheduler.AdvanceBy(step);
                elapsed += step;
            }
        }

        var error = observer.Error ?? (observer.Completed ? null : new TimeoutException($"The job did not complete within {options.MaxVirtualTime} of virtual time."));
        return (readOutput is null ? observer.Records : [.. readOutput()], job.Checkpoints, error);
    }

    private static Dictionary<Box<T>, long> Count<T>(IReadOnlyList<T> records)
    {
        var counts = new Dictionary<Box<T>, long>();
        foreach (var record in records)
        {
            var key = new Box<T>(record);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return counts;
    }

    private static (long Lost, long Duplicated, long Changed) Compare<T>(Dictionary<Box<T>, long> expected, IReadOnlyList<T> output)
    {
        var actual = Count(output);
        long lost = 0, duplicated = 0, changed = 0;
        foreach (var (record, count) in expected)
        {
            var got = actual.GetValueOrDefault(record);
            lost += Math.Max(0, count - got);
            duplicated += Math.Max(0, got - count);
        }

        foreach (var (record, count) in actual)
        {
            if (!expected.ContainsKey(record))
            {
                changed += count;
            }
        }

        return (lost, duplicated, changed);
    }

    /// <summary>A record as a dictionary key, so null records count too.</summary>
    private readonly record struct Box<T>(T Value);

    private sealed class OutputObserver<T> : IObserver<StreamElement<T>>
    {
        public List<T> Records { get; } = [];

        public bool Completed { get; private set; }

        public Exception? Error { get; private set; }

        public bool Ended => Completed || Error is not null;

        public void OnNext(StreamElement<T> value)
        {
            if (value.IsRecord)
            {
                Records.Add(value.Value);
            }
        }

        public void OnError(Exception error) => Error = error;

        public void OnCompleted() => Completed = true;
    }
}
