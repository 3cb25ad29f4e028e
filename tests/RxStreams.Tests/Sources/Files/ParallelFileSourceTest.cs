using System.Collections.Concurrent;
using System.Threading.Tasks;
using RxStreams.Checkpoints;
using RxStreams.Tests.Checkpoints.Parallel;
using RxStreams.Tests.Checkpoints.Recovery;
using RxStreams.Tests.Checkpoints.Storage;
using static RxStreams.Tests.Ingestion.Files.FileSourceTestSupport;

namespace RxStreams.Tests.Ingestion.Files;

/// <summary>
/// A directory read by parallel source tasks, one split each (files assigned by a hash of their path), each split
/// checkpointing its own position, restored at the same or another number of splits; keyed sums behind a hash exchange
/// make a line read twice or lost visible.
/// </summary>
[Collection(nameof(Adversarial.ParallelTaskThreads))]
[Adversarial.NoLeakedTaskThreads]
public class ParallelFileSourceTest
{
    private const int Files = 8;
    private const int LinesPerFile = 20;
    private const int Keys = 5;

    private static readonly CsvOptions Paced = new() { Name = "readings", BufferSize = 64, Reading = new SourceOptions { RecordsPerStep = 2, Pace = TimeSpan.FromMilliseconds(1) } };

    [Theory]
    [InlineData(1, new[] { 15 })]
    [InlineData(2, new[] { 7, 90 })]
    [InlineData(3, new[] { 30, 61, 140 })]
    public void EveryLineReachesTheStateExactlyOnceAcrossCrashes(int splits, int[] crashAt)
    {
        using var dir = WriteFiles();
        var plan = new FailurePlan(crashAt, [], []);
        var seenBy = new ConcurrentDictionary<long, int>();

        var output = RunJob(dir.Path, splits, plan, seenBy, null, out var statistics);

        Assert.Equal(crashAt.Length, plan.Crashes);
        Assert.InRange(statistics.Restarts, 1, crashAt.Length);
        Assert.Equal(ExpectedTotals(), FinalSums(output));
        Assert.Equal(Files * LinesPerFile, seenBy.Count);

        // Each file is read by one split only: all its lines by the same task.
        var perFile = seenBy.GroupBy(e => (e.Key - 1) / LinesPerFile).Select(g => g.Select(e => e.Value).Distinct().Count());
        Assert.All(perFile, tasks => Assert.Equal(1, tasks));
        Assert.Equal(splits, seenBy.Values.Distinct().Count());
    }

    [Fact]
    public async Task ASavepointOfTwoSplitsResumesAtTwoThreeOrOneSplitsWithEveryLineOnce()
    {
        using var dir = WriteFiles();
        var scheduler = new PumpedTestScheduler();
        var first = StreamJob.Create(() => Pipeline(dir.Path, 2, FailurePlan.None, new ConcurrentDictionary<long, int>()), Options(scheduler, null));
        var before = new BlockingCollector<string>();
        CheckpointSnapshot savepoint;
        using (first.Subscribe(before))
        {
            scheduler.RunUntil(() => before.Items.Count >= 50, TimeSpan.FromMilliseconds(1));
            var stopping = first.StopWithSavepointAsync();
            scheduler.RunUntil(() => before.Ended, TimeSpan.FromMilliseconds(1));
            savepoint = await stopping;
        }

        foreach (var splits in new[] { 2, 3, 1 })
        {
            var seenAfter = new ConcurrentDictionary<long, int>();
            var after = RunJob(dir.Path, splits, FailurePlan.None, seenAfter, savepoint, out var statistics);
            Assert.Equal(savepoint.CheckpointId, statistics.RestoredFromId);
            Assert.Equal(ExpectedTotals(), FinalSums(before.Items.Concat(after)));
            Assert.Equal(Files * LinesPerFile, before.Items.Count + seenAfter.Count); // nothing read twice, nothing lost
        }
    }

    [Fact]
    public void SplitsGivenOutOfOrderAreRefusedAtStart()
    {
        using var dir = WriteFiles();
        var splits = FileSource.Csv(dir.Path, MapReading, Paced).Splits(2);
        var scheduler = new PumpedTestScheduler();
        var job = StreamJob.Create(
            () => ParallelStream.FromPartitions(splits.Reverse().Select(s => s.WithEventTime(r => r.Time, WatermarkStrategy.NoWatermarks())).ToArray())
                .Apply(s => s.Select(r => r.Sensor))
                .Merge(),
            Options(scheduler, null));
        var output = new BlockingCollector<string>();
        using (job.Subscribe(output))
        {
            scheduler.RunUntil(() => output.Ended, TimeSpan.FromMilliseconds(1));
        }

        var error = Assert.IsType<InvalidOperationException>(output.Error);
        Assert.Equal("Split 1 of 2 of file source 'readings' runs in parallel task 0 of 2: give all the splits, in order, to ParallelStream.FromPartitions.", error.Message);
    }

    private static TempDirectory WriteFiles()
    {
        var dir = new TempDirectory();
        for (var f = 0; f < Files; f++)
        {
            Write(dir[$"part-{f}.csv"], string.Concat(Enumerable.Range((f * LinesPerFile) + 1, LinesPerFile).Select(n => $"k{n % Keys},{n},{n}\n")));
        }

        return dir;
    }

    private static IObservable<StreamElement<string>> Pipeline(string path, int splits, FailurePlan plan, ConcurrentDictionary<long, int> seenBy)
    {
        var source = FileSource.Csv(path, MapReading, Paced);
        var tasks = splits == 1 ? [source] : source.Splits(splits);
        return ParallelStream.FromPartitions(tasks.Select((s, i) => s.WithEventTime(r => r.Time, WatermarkStrategy.NoWatermarks())
                .Where(r =>
                {
                    plan.OnRecord();
                    seenBy[r.Time] = i;
                    return true;
                })).ToArray())
            .PartitionByKey(r => r.Sensor, 2, new ExchangeOptions { Capacity = 8 })
            .Apply(s => s.KeyBy(r => r.Sensor).Sum(r => (long)r.Value).Select(k => k.ToString()))
            .Merge();
    }

    private static List<string> RunJob(string path, int splits, FailurePlan plan, ConcurrentDictionary<long, int> seenBy, CheckpointSnapshot? from, out CheckpointStatistics statistics)
    {
        var scheduler = new PumpedTestScheduler();
        var job = StreamJob.Create(() => Pipeline(path, splits, plan, seenBy), Options(scheduler, from) with { Storage = plan.Storage() });
        var output = new BlockingCollector<string>();
        using (job.Subscribe(output))
        {
            scheduler.RunUntil(() => output.Ended, TimeSpan.FromMilliseconds(1));
            output.Wait(TimeSpan.Zero);
        }

        statistics = job.Checkpoints;
        return output.Items;
    }

    private static CheckpointOptions Options(PumpedTestScheduler scheduler, CheckpointSnapshot? from) => new()
    {
        Scheduler = scheduler,
        AsynchronousSnapshots = false,
        Interval = TimeSpan.FromMilliseconds(6),
        RestartStrategy = from is null ? RestartStrategy.FixedDelay(5, TimeSpan.FromMilliseconds(2)) : RestartStrategy.None,
        RestoreFrom = from,
    };

    /// <summary>The highest running sum per key is its total: too high if a line was counted twice, too low if one was lost.</summary>
    private static Dictionary<string, long> FinalSums(IEnumerable<string> output) =>
        output.Select(s => s.Split('='))
            .GroupBy(p => p[0], p => long.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => g.Max());

    private static Dictionary<string, long> ExpectedTotals() =>
        Enumerable.Range(1, Files * LinesPerFile).GroupBy(n => "k" + (n % Keys)).ToDictionary(g => g.Key, g => g.Sum(n => (long)n));
}
