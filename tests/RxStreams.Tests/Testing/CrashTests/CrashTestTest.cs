using System.IO;
using System.Reactive.Concurrency;
using RxStreams.Checkpoints;
using RxStreams.Sinks;
using RxStreams.Testing;

namespace RxStreams.Tests.Testing.CrashTests;

/// <summary>
/// The four delivery guarantees under injected failures, on one pipeline (replayable source, keyed tumbling windows
/// with lateness, a sink): each keeps its promise, and the weaker ones show what they give up.
/// </summary>
public sealed class CrashTestTest
{
    private static readonly List<(string Key, long Time)> Events = Checkpoints.Jobs.StreamJobTest.Events(120, keys: 4, seed: 9);

    [Fact]
    public void EndToEndExactlyOnceLosesRepeatsAndChangesNothing()
    {
        var database = new MemoryDatabase<string>();
        var report = CrashTest.Run(
            _ => Windows().SinkTo(new MemoryTransactionalSink<string>(database)).Uid("sink"),
            new CrashTestOptions { Guarantee = DeliveryGuarantee.EndToEndExactlyOnce, Runs = 320, Seed = 1 },
            database.Read,
            database.Reset);

        Assert.True(report.Kept, report.ToString());
        Assert.Equal((0L, 0L, 0L, 0), (report.Lost, report.Duplicated, report.Changed, report.RunsNotCompleted));
        Assert.True(report.Crashes >= 500, report.ToString());
        Assert.Equal(Reference(), report.Reference.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ExactlyOnceStateWithAPlainSinkRepeatsButLosesAndChangesNothing()
    {
        var lines = new List<string>();
        var report = CrashTest.Run(
            _ => Windows().SinkTo(new ConsoleSink<string>(lines.Add)).Uid("sink"),
            new CrashTestOptions { Guarantee = DeliveryGuarantee.ExactlyOnce, Runs = 150, Seed = 2 },
            () => [.. lines],
            lines.Clear);

        Assert.True(report.Kept, report.ToString());
        Assert.Equal((0L, 0L, 0), (report.Lost, report.Changed, report.RunsNotCompleted));
        Assert.True(report.Duplicated > 0, report.ToString());
        Assert.True(report.Crashes >= 200, report.ToString());
    }

    [Fact]
    public void AtLeastOnceRepeatsButLosesNothing()
    {
        var lines = new List<string>();
        var report = CrashTest.Run(
            _ => Windows().SinkTo(new ConsoleSink<string>(lines.Add)).Uid("sink"),
            new CrashTestOptions { Guarantee = DeliveryGuarantee.AtLeastOnce, Runs = 150, Seed = 3 },
            () => [.. lines],
            lines.Clear);

        Assert.True(report.Kept, report.ToString());
        Assert.Equal((0L, 0), (report.Lost, report.RunsNotCompleted));
        Assert.True(report.Duplicated > 0, report.ToString());
        Assert.True(report.Crashes >= 200, report.ToString());
    }

    [Fact]
    public void AtMostOnceLosesButRepeatsNothing()
    {
        var lines = new List<string>();
        var report = CrashTest.Run(
            _ => Windows().SinkTo(new ConsoleSink<string>(lines.Add)).Uid("sink"),
            new CrashTestOptions { Guarantee = DeliveryGuarantee.AtMostOnce, Runs = 150, Seed = 4 },
            () => [.. lines],
            lines.Clear);

        Assert.True(report.Kept, report.ToString());
        Assert.Equal((0L, 0), (report.Duplicated, report.RunsNotCompleted));
        Assert.True(report.Lost > 0, report.ToString());
        Assert.True(report.Crashes >= 200, report.ToString());
    }

    [Fact]
    public void AtMostOnceOnAStatelessPipelineLosesOnlyTheRecordsInFlight()
    {
        // A record's output is written at once (batches of one), so a failure in a record leaves nothing in flight: the
        // failing record is read again, every other one reaches the output exactly once.
        var lines = new List<string>();
        var report = CrashTest.Run(
            _ => Source().WithEventTime(e => e.Time, WatermarkStrategy.NoWatermarks()).Select(e => $"{e.Key}@{e.Time}")
                .SinkTo(new ConsoleSink<string>(lines.Add, options: new SinkOptions { BatchSize = 1 })).Uid("sink"),
            new CrashTestOptions { Guarantee = DeliveryGuarantee.AtMostOnce, Runs = 100, Seed = 5, FailurePoints = FailurePoints.InRecord },
            () => [.. lines],
            lines.Clear);

        Assert.True(report.Crashes >= 100, report.ToString());
        Assert.Equal((0L, 0L, 0L, 0), (report.Lost, report.Duplicated, report.Changed, report.RunsNotCompleted));
    }

    [Fact]
    public void AtMostOnceLosesTheRecordsBufferedInASinkAtTheFailure()
    {
        // Batches of 1,000 records: what the sink held at the failure is gone, and nothing is read again.
        var lines = new List<string>();
        var report = CrashTest.Run(
            _ => Source().WithEventTime(e => e.Time, WatermarkStrategy.NoWatermarks()).Select(e => $"{e.Key}@{e.Time}")
                .SinkTo(new ConsoleSink<string>(lines.Add, options: new SinkOptions { BatchSize = 1000, BatchLatency = TimeSpan.Zero })).Uid("sink"),
            new CrashTestOptions { Guarantee = DeliveryGuarantee.AtMostOnce, Runs = 100, Seed = 6, FailurePoints = FailurePoints.InRecord },
            () => [.. lines],
            lines.Clear);

        Assert.Equal((0L, 0L, 0), (report.Duplicated, report.Changed, report.RunsNotCompleted));
        Assert.True(report.Lost > 0, report.ToString());
    }

    [Fact]
    public void TheReadmeTableIsWhatTheHarnessReports()
    {
        var database = new MemoryDatabase<string>();
        var lines = new List<string>();
        var rows = new List<string>();
        foreach (var guarantee in new[] { DeliveryGuarantee.EndToEndExactlyOnce, DeliveryGuarantee.ExactlyOnce, DeliveryGuarantee.AtLeastOnce, DeliveryGuarantee.AtMostOnce })
        {
            var endToEnd = guarantee == DeliveryGuarantee.EndToEndExactlyOnce;
            var report = CrashTest.Run(
                _ => Windows().SinkTo(endToEnd ? new MemoryTransactionalSink<string>(database) : new ConsoleSink<string>(lines.Add)).Uid("sink"),
                new CrashTestOptions { Guarantee = guarantee, Runs = 100, Seed = 7 },
                endToEnd ? database.Read : () => [.. lines],
                () =>
                {
                    database.Reset();
                    lines.Clear();
                });
            Assert.True(report.Kept, report.ToString());
            rows.Add(FormattableString.Invariant(
                $"| `{guarantee}` | {(endToEnd ? "two-phase commit" : "plain (flushed at barriers)")} | {report.Runs} | {report.Crashes} | {report.Reference.Count} | {report.Lost} | {report.Duplicated} | {report.Changed} |"));
        }

        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        Assert.True(rows.All(row => readme.Contains(row, StringComparison.Ordinal)), "README.md's crash-test table should read:\n" + string.Join("\n", rows));
    }

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string file = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", "..", "..", ".."));

    [Fact]
    public void ABrokenPromiseIsReportedWithTheRunsThatBrokeIt()
    {
        // A plain sink cannot give end-to-end exactly-once; asked of the harness as exactly-once state, its repeats break nothing,
        // but checked against the end-to-end promise they do.
        var lines = new List<string>();
        var report = CrashTest.Run(
            _ => Windows().SinkTo(new ConsoleSink<string>(lines.Add)).Uid("sink"),
            new CrashTestOptions { Guarantee = DeliveryGuarantee.ExactlyOnce, Runs = 20, Seed = 2 },
            () => [.. lines],
            lines.Clear);
        var asEndToEnd = typeof(CrashTestReport<string>).GetConstructors(System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)[0]
            .Invoke([DeliveryGuarantee.EndToEndExactlyOnce, report.Reference, report.RunDetails]);

        var error = Assert.Throws<CrashTestException>(((CrashTestReport<string>)asEndToEnd).ThrowIfBroken);
        Assert.StartsWith("EndToEndExactlyOnce was not kept. EndToEndExactlyOnce: 20 runs, ", error.Message, StringComparison.Ordinal);
        Assert.Contains(" duplicated, ", error.Message, StringComparison.Ordinal);
        Assert.Contains("First runs that differ: run ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EndToEndExactlyOnceRefusesAPlainSinkNamingIt()
    {
        var error = StartError(() => Windows().SinkTo(new ConsoleSink<string>(_ => { })).Uid("sink"));

        Assert.Equal(
            "End-to-end exactly-once needs exactly-once sinks, and the sink 'ConsoleSink' is AtLeastOnce: after a restart it could write results again. " +
            "Use a transactional or idempotent sink (FileSink, SqliteSink, the PostgreSQL two-phase-commit sink), or ask for DeliveryGuarantee.ExactlyOnce.",
            error.Message);
    }

    [Fact]
    public void EndToEndExactlyOnceRefusesAnUnreplayableSourceNamingIt()
    {
        var subject = new System.Reactive.Subjects.Subject<(string Key, long Time)>();
        var database = new MemoryDatabase<string>();
        var error = StartError(() => ReplayableSource.Unreplayable(subject, "clicks")
            .WithEventTime(e => e.Time, WatermarkStrategy.NoWatermarks())
            .Select(e => e.Key)
            .SinkTo(new MemoryTransactionalSink<string>(database)));

        Assert.Equal(
            "End-to-end exactly-once needs replayable sources, and the source 'clicks' is not replayable: a restart would lose its records since the last checkpoint. " +
            "Read it through a replayable source (files, Redis Streams, ReplayableSource.FromList, a channel with a position), or ask for a weaker DeliveryGuarantee.",
            error.Message);
    }

    [Fact]
    public void EndToEndExactlyOnceRefusesRecordsForTheJobsObserver()
    {
        var error = StartError(Windows);

        Assert.Equal(
            "End-to-end exactly-once needs every path of the pipeline to end in an exactly-once sink, but the pipeline's output carries records to the job's observer, " +
            "which cannot take them back after a restart. End each path with .SinkTo(sink) (merge the sinks' outputs if there are several), or ask for DeliveryGuarantee.ExactlyOnce.",
            error.Message);
    }

    [Fact]
    public void EndToEndExactlyOnceRefusesAPartAcceptedAsNotCheckpointed()
    {
        var database = new MemoryDatabase<string>();
        var error = StartError(() => Windows().Uncheckpointed("a plain Rx throttle").SinkTo(new MemoryTransactionalSink<string>(database)));

        Assert.Equal(
            "End-to-end exactly-once needs every part of the pipeline checkpointed, and a part was accepted as not checkpointed (\"a plain Rx throttle\"): it restarts empty. " +
            "Replace it with RxStreams operators, or ask for a weaker DeliveryGuarantee.",
            error.Message);
    }

    [Fact]
    public void AGuaranteeThatNeedsAlignmentRefusesAnAtLeastOnceMode()
    {
        var error = Assert.Throws<ArgumentException>(() => StreamJob.Create(
            Windows, new CheckpointOptions { Guarantee = DeliveryGuarantee.ExactlyOnce, Mode = CheckpointingMode.AtLeastOnce }));

        Assert.StartsWith("Guarantee = ExactlyOnce needs aligned barriers, but Mode is AtLeastOnce: set one of them (Guarantee sets the alignment).", error.Message, StringComparison.Ordinal);
        Assert.Equal(DeliveryGuarantee.AtLeastOnce, new CheckpointOptions { Mode = CheckpointingMode.AtLeastOnce }.Guarantee);
        Assert.Equal(DeliveryGuarantee.ExactlyOnce, new CheckpointOptions().Guarantee);
    }

    private static DeliveryGuaranteeException StartError<T>(Func<IObservable<StreamElement<T>>> pipeline)
    {
        var scheduler = new HistoricalScheduler();
        var job = StreamJob.Create(pipeline, new CheckpointOptions
        {
            Scheduler = scheduler,
            Guarantee = DeliveryGuarantee.EndToEndExactlyOnce,
            RestartStrategy = RestartStrategy.FixedDelay(3, TimeSpan.FromMilliseconds(1)),
        });
        var output = new Collector<StreamElement<T>>();
        using (job.Subscribe(output))
        {
            scheduler.AdvanceBy(TimeSpan.FromMilliseconds(5));
        }

        Assert.Equal(0, job.Checkpoints.Restarts);
        return Assert.IsType<DeliveryGuaranteeException>(output.Error);
    }

    private static ReplayableSource<(string Key, long Time)> Source() =>
        ReplayableSource.FromList(Events, "events", new SourceOptions { RecordsPerStep = 3, Pace = TimeSpan.FromMilliseconds(1) });

    private static IObservable<StreamElement<string>> Windows() =>
        Source()
            .WithEventTime(e => e.Time, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(5)))
            .KeyBy(e => e.Key)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(20)))
            .AllowedLateness(TimeSpan.FromMilliseconds(10))
            .Count()
            .Uid("counts")
            .Select(r => r.ToString());

    /// <summary>The window counts computed directly from the events: a firing per window, and one more per late record within the lateness.</summary>
    private static List<string> Reference()
    {
        var output = new List<string>();
        using (Windows().Subscribe(e =>
        {
            if (e.IsRecord)
            {
                output.Add(e.Value);
            }
        }))
        {
        }

        return [.. output.Order(StringComparer.Ordinal)];
    }
}
