using System.IO;
using CsCheck;
using RxStreams.Sinks;

namespace RxStreams.Tests.Sinks;

/// <summary>
/// Transactional sinks in parallel jobs: one writer per task, its subtask in its transaction names, and random crashes
/// in any task leave exactly the committed output of a single-task run without failure.
/// </summary>
[Collection(nameof(Adversarial.ParallelTaskThreads))]
[Adversarial.NoLeakedTaskThreads]
public class ParallelSinkTest
{
    [Fact]
    public void EveryTaskWritesThroughItsOwnWriter()
    {
        var store = new MemoryStore();
        var sink = new MemoryTransactionalSink(store, new SinkOptions { BatchSize = 3 });
        var (completed, error, _) = SinkJobs.Run(Enumerable.Range(0, 40).ToArray(), SinkCrashPlan.None, sink, parallelism: 3);

        Assert.True(completed, error?.ToString());
        Assert.Equal(Enumerable.Range(0, 40).Select(i => "r" + i).Order(StringComparer.Ordinal), store.Committed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void FileSinkTasksWriteTheirOwnPartsAndACrashInOneLosesAndRepeatsNothing()
    {
        var dir = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), "rxstreams-parallel-files-" + Guid.NewGuid().ToString("N"));
        try
        {
            var sink = new FileSink<string>(dir, FileFormats.JsonLines<string>(), options: new SinkOptions { BatchSize = 2 });
            var (completed, error, restarts) = SinkJobs.Run(Enumerable.Range(0, 60).ToArray(), new SinkCrashPlan([25], [], [], [], []), sink, parallelism: 3);

            Assert.True(completed, error?.ToString());
            Assert.Equal(1, restarts);
            var names = Directory.GetFiles(dir).Select(Path.GetFileName).ToList();
            Assert.All(names, n => Assert.Matches(@"^part-[0-2]-\d+\.jsonl$", n));

            // The 7 keys hash to two of the three tasks: each wrote its own parts.
            Assert.Equal(["0", "1"], names.Select(n => n!.Split('-')[1]).Distinct().Order(StringComparer.Ordinal));
            Assert.Equal(
                Enumerable.Range(0, 60).Select(i => $"\"r{i}\"").Order(StringComparer.Ordinal),
                FileSinkTest.Lines(dir).Order(StringComparer.Ordinal));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void RandomCrashesInParallelTasksLoseAndRepeatNothing()
    {
        var crashes = 0;
        Gen.Select(Gen.Int[1, 120], Gen.Int[1, 150].Array[0, 2], Gen.Int[1, 10].Array[0, 1], Gen.Long[1, 12].Array[0, 2], Gen.Long[1, 12].Array[0, 1], Gen.Int[2, 4], Gen.Int[1, 6])
            .Select(Gen.Bool, (sample, keyed) => (sample, keyed))
            .Sample(
                sample =>
                {
                    var ((count, records, commits, lost, unannounced, parallelism, batch), keyed) = sample;
                    var input = Enumerable.Range(0, count).ToArray();
                    var expected = new MemoryStore();
                    Assert.True(SinkJobs.Run(input, SinkCrashPlan.None, new MemoryTransactionalSink(expected, new SinkOptions { BatchSize = batch }), keyed).Completed);

                    var store = new MemoryStore();
                    var plan = new SinkCrashPlan(records, [], commits, lost, unannounced);
                    var (completed, error, restarts) = SinkJobs.Run(input, plan, new MemoryTransactionalSink(store, new SinkOptions { BatchSize = batch }), keyed, parallelism);
                    crashes += plan.Injected;

                    Assert.True(completed, error?.ToString());
                    Assert.InRange(restarts, plan.Crashes > 0 ? 1 : 0, plan.Crashes);
                    Assert.Equal(expected.Committed.Order(StringComparer.Ordinal), store.Committed.Order(StringComparer.Ordinal));
                    Assert.Equal(0, store.OpenTransactions);
                },
                iter: 100,
                threads: 1,
                seed: "0N0XIzNsQ0O3");
        Assert.True(crashes >= 100, $"only {crashes} crash points were exercised");
    }
}
