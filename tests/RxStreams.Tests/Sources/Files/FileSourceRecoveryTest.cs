using System.IO;
using System.Threading.Tasks;
using CsCheck;
using Microsoft.Reactive.Testing;
using RxStreams.Checkpoints;
using RxStreams.Tests.Checkpoints.Recovery;
using RxStreams.Tests.Checkpoints.Storage;
using static RxStreams.Tests.Ingestion.Files.FileSourceTestSupport;

namespace RxStreams.Tests.Ingestion.Files;

/// <summary>
/// A file source in a checkpointed job: its position is the byte offset and line number of the next line of every
/// file it started, so a job restarted from a checkpoint, or a new job from a savepoint, reads exactly the lines after it.
/// </summary>
public class FileSourceRecoveryTest
{
    private static readonly SourceOptions Paced = new() { RecordsPerStep = 1, Pace = TimeSpan.FromMilliseconds(1) };

    [Fact]
    public void AJobRestartedFromACheckpointReadsExactlyTheLinesAfterIt()
    {
        using var dir = new TempDirectory();
        Write(dir["in/a.csv"], string.Concat(Enumerable.Range(1, 30).Select(i => $"k{i % 3},{i},{i}\n")));
        Write(dir["in/b.csv"], string.Concat(Enumerable.Range(31, 30).Select(i => $"k{i % 3},{i},{i}\r\n")));
        var seen = new List<long>();
        var crashed = false;
        var scheduler = new TestScheduler();
        var job = StreamJob.Create(
            () => FileSource.Csv(dir["in"], MapReading, new CsvOptions { Reading = Paced, BufferSize = 32, Name = "readings" })
                .WithEventTime(r => r.Time, WatermarkStrategy.NoWatermarks())
                .Where(r =>
                {
                    seen.Add(r.Time);
                    if (r.Time == 45 && !crashed)
                    {
                        crashed = true;
                        throw new InvalidOperationException("crash");
                    }

                    return true;
                })
                .KeyBy(r => r.Sensor)
                .Sum(r => (long)r.Value),
            new CheckpointOptions
            {
                Scheduler = scheduler,
                Interval = TimeSpan.FromMilliseconds(10),
                AsynchronousSnapshots = false,
                RestartStrategy = RestartStrategy.FixedDelay(1, TimeSpan.FromMilliseconds(5)),
            });
        var output = new Collector<StreamElement<Keyed<string, long>>>();
        using (job.Subscribe(output))
        {
            scheduler.Start();
        }

        Assert.True(output.Completed, output.Error?.ToString());
        Assert.Equal(1, job.Checkpoints.Restarts);
        Assert.Equal(4, job.Checkpoints.RestoredFromId);

        // Checkpoint 4 was taken after the 40th line (10 in the second file): lines 41 to 45 are read twice, no other.
        Assert.Equal(Enumerable.Range(1, 45).Concat(Enumerable.Range(41, 20)).Select(i => (long)i), seen);
        var sums = output.Items.Where(e => e.IsRecord).Select(e => e.Value.ToString()).ToList();
        Assert.Equal(Expected(60), sums.Distinct());
        Assert.Equal(64, sums.Count);
    }

    [Fact]
    public void RandomCrashesWhileReadingAnyFilesWithAnyBufferLoseAndRepeatNothing()
    {
        var crashes = 0;
        var gen = Gen.Select(Gen.Int[1, 40].Array[1, 4], Gen.Int[16, 64], Gen.Int[1, 3], Gen.Int[1, 80].Array[0, 3], Gen.Bool);
        gen.Sample(
            sample =>
            {
                var (files, bufferSize, perStep, crashAt, crlf) = sample;
                using var dir = new TempDirectory();
                var n = 0;
                for (var f = 0; f < files.Length; f++)
                {
                    Write(dir[$"in/part-{f}.csv"], "sensor,time,value" + (crlf ? "\r\n" : "\n") + string.Concat(Enumerable.Range(0, files[f]).Select(_ =>
                    {
                        n++;
                        return $"\"k{n % 4}\",{n},{n}" + (crlf ? "\r\n" : "\n");
                    })));
                }

                var plan = new FailurePlan(crashAt, [], []);
                var actual = RunSums(dir["in"], bufferSize, perStep, plan);
                crashes += plan.Crashes;
                var expected = RunSums(dir["in"], 1 << 16, 1024, FailurePlan.None);
                Assert.Equal(n, expected.Count);
                Assert.Equal(n, expected.Distinct().Count()); // sums only grow: every output is distinct
                Assert.Equal(expected, actual.Distinct());
            },
            iter: 300,
            threads: 1,
            seed: "0N0XIzNsQ0O3");
        Assert.True(crashes >= 250, $"only {crashes} crashes were injected");
    }

    [Fact]
    public async Task ANewJobFromASavepointReadsTheRestOfTheFilesWithNothingRepeated()
    {
        using var dir = new TempDirectory();
        Write(dir["in/a.jsonl"], string.Concat(Enumerable.Range(1, 25).Select(i => $"{{\"sensor\":\"k{i % 2}\",\"time\":{i},\"value\":{i}}}\n")));
        Write(dir["in/b.jsonl"], string.Concat(Enumerable.Range(26, 25).Select(i => $"{{\"sensor\":\"k{i % 2}\",\"time\":{i},\"value\":{i}}}\n")));
        IObservable<StreamElement<Keyed<string, long>>> Pipeline() =>
            FileSource.JsonLines(dir["in"], ReadingJsonContext.Default.Reading, new FileSourceOptions { Reading = Paced })
                .WithEventTime(r => r.Time, WatermarkStrategy.NoWatermarks())
                .KeyBy(r => r.Sensor)
                .Sum(r => (long)r.Value);

        var scheduler = new TestScheduler();
        var first = StreamJob.Create(Pipeline, new CheckpointOptions { Scheduler = scheduler, AsynchronousSnapshots = false });
        var before = new Collector<StreamElement<Keyed<string, long>>>();
        CheckpointSnapshot savepoint;
        using (first.Subscribe(before))
        {
            scheduler.AdvanceBy(TimeSpan.FromMilliseconds(33).Ticks);
            var stopping = first.StopWithSavepointAsync(new DirectoryCheckpointStorage(dir["savepoints"]));
            scheduler.AdvanceBy(1);
            savepoint = await stopping;
        }

        var resumed = new TestScheduler();
        var second = StreamJob.Create(Pipeline, new CheckpointOptions { Scheduler = resumed, AsynchronousSnapshots = false, RestoreFrom = savepoint });
        var after = new Collector<StreamElement<Keyed<string, long>>>();
        using (second.Subscribe(after))
        {
            resumed.Start();
        }

        Assert.True(after.Completed, after.Error?.ToString());
        var firstPart = before.Items.Where(e => e.IsRecord).ToList();
        var rest = after.Items.Where(e => e.IsRecord).ToList();
        Assert.Equal(33, firstPart.Count);
        Assert.Equal(Expected(50, keys: 2), firstPart.Concat(rest).Select(e => e.Value.ToString()));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AFileBeingReadThatIsGoneOrTruncatedAtTheRestoreFailsTheSourceNamingIt(bool truncate)
    {
        using var dir = new TempDirectory();
        var a = Write(dir["in/a.csv"], string.Concat(Enumerable.Range(1, 40).Select(i => $"k,{i},{i}\n")));
        IObservable<StreamElement<Reading>> Pipeline() =>
            FileSource.Csv(dir["in"], MapReading, new CsvOptions { Reading = Paced, Name = "readings" }).WithEventTime(r => r.Time, WatermarkStrategy.NoWatermarks());

        var scheduler = new TestScheduler();
        var first = StreamJob.Create(Pipeline, new CheckpointOptions { Scheduler = scheduler, AsynchronousSnapshots = false });
        CheckpointSnapshot savepoint;
        using (first.Subscribe(new Collector<StreamElement<Reading>>()))
        {
            scheduler.AdvanceBy(TimeSpan.FromMilliseconds(20).Ticks);
            var stopping = first.StopWithSavepointAsync();
            scheduler.AdvanceBy(1);
            savepoint = await stopping;
        }

        if (truncate)
        {
            File.WriteAllText(a, "k,1,1\n");
        }
        else
        {
            File.Delete(a);
        }

        var resumed = new TestScheduler();
        var second = StreamJob.Create(Pipeline, new CheckpointOptions { Scheduler = resumed, AsynchronousSnapshots = false, RestoreFrom = savepoint, RestartStrategy = RestartStrategy.None });
        var output = new Collector<StreamElement<Reading>>();
        using (second.Subscribe(output))
        {
            resumed.AdvanceBy(TimeSpan.FromMilliseconds(5).Ticks);
        }

        var error = FileError(output.Error);
        Assert.Equal((a, 21L, (9 * 6) + (11 * 8L)), (error.Path, error.LineNumber, error.ByteOffset));
        Assert.Equal(
            truncate
                ? "the file is 6 bytes long, shorter than the position read up to: it was truncated or replaced"
                : "the file was being read at this position when the checkpoint was taken, and is gone",
            error.Reason);
    }

    [Fact]
    public void FollowingAGrowingDirectoryHoldsAPartialLineAndPicksUpNewFilesAndARestartReadsOnFromTheCheckpoint()
    {
        using var dir = new TempDirectory();
        var a = Write(dir["in/a.csv"], "a,1,1\nb,2,2\nc,3");
        var crashed = false;
        var scheduler = new TestScheduler();
        var job = StreamJob.Create(
            () => FileSource.Csv(dir["in"], MapReading, new CsvOptions { Follow = true, Reading = new SourceOptions { PollInterval = TimeSpan.FromMilliseconds(10) } })
                .WithEventTime(r => r.Time, WatermarkStrategy.NoWatermarks())
                .Where(r =>
                {
                    if (r.Sensor == "f" && !crashed)
                    {
                        crashed = true;
                        throw new InvalidOperationException("crash");
                    }

                    return true;
                })
                .Select(r => r.Sensor),
            new CheckpointOptions
            {
                Scheduler = scheduler,
                Interval = TimeSpan.FromMilliseconds(25),
                AsynchronousSnapshots = false,
                RestartStrategy = RestartStrategy.FixedDelay(1, TimeSpan.FromMilliseconds(1)),
            });
        var output = new Collector<StreamElement<string>>();
        string Seen() => string.Join(" ", output.Items.Where(e => e.IsRecord).Select(e => e.Value));
        using (job.Subscribe(output))
        {
            scheduler.AdvanceBy(TimeSpan.FromMilliseconds(5).Ticks);
            Assert.Equal("a b", Seen());                        // "c,3" has no line break yet

            Append(a, ",3\n");
            scheduler.AdvanceBy(TimeSpan.FromMilliseconds(10).Ticks);
            Assert.Equal("a b c", Seen());

            Write(dir["in/b.csv"], "d,4,4\n");
            Write(dir["in/.b.csv.inprogress"], "x,0,0\n");
            scheduler.AdvanceBy(TimeSpan.FromMilliseconds(10).Ticks);
            Assert.Equal("a b c d", Seen());                    // checkpoint 1 at 25 ms: a to d read

            Append(a, "e,5,5\nf,6,6\n");                        // f crashes the job once: restored from checkpoint 1
            scheduler.AdvanceBy(TimeSpan.FromMilliseconds(20).Ticks);
            Assert.Equal(1, job.Checkpoints.Restarts);
            Assert.Equal(1, job.Checkpoints.RestoredFromId);
            Assert.Equal("a b c d e e f", Seen());

            Append(dir["in/b.csv"], "g,7,7\n");
            scheduler.AdvanceBy(TimeSpan.FromMilliseconds(20).Ticks);
            Assert.Equal("a b c d e e f g", Seen());
            Assert.False(output.Completed);
            Assert.Null(output.Error);
        }
    }

    [Fact]
    public void FollowingAFileWithAHeaderKeepsItsFieldCountWhenTheFileIsReopened()
    {
        using var dir = new TempDirectory();
        var path = Write(dir["r.csv"], "sensor,time,value\na,1,1\n");
        var deadLetters = new DeadLetters();
        var letters = new List<DeadLetter>();
        deadLetters.Subscribe(letters.Add);
        var scheduler = new TestScheduler();
        var job = StreamJob.Create(
            () => FileSource.Csv(path, MapReading, new CsvOptions { HasHeader = true, Follow = true, DeadLetters = deadLetters })
                .WithEventTime(r => r.Time, WatermarkStrategy.NoWatermarks())
                .Select(r => r.Sensor),
            new CheckpointOptions { Scheduler = scheduler, AsynchronousSnapshots = false });
        var output = new Collector<StreamElement<string>>();
        using (job.Subscribe(output))
        {
            scheduler.AdvanceBy(TimeSpan.FromMilliseconds(15).Ticks);
            Append(path, "b,2,2\nc,3\n");
            scheduler.AdvanceBy(TimeSpan.FromMilliseconds(15).Ticks);
            Append(path, "d,4,4\n");
            scheduler.AdvanceBy(TimeSpan.FromMilliseconds(15).Ticks);
        }

        Assert.Equal("a b d", string.Join(" ", output.Items.Where(e => e.IsRecord).Select(e => e.Value)));
        var bad = Assert.Single(letters);
        Assert.Equal(new FileLine(path, 4, 30, "c,3"), bad.Record);
        Assert.Equal("2 fields where the header has 3", ((FileSourceException)bad.Error).Reason);
    }

    private static List<string> RunSums(string path, int bufferSize, int perStep, FailurePlan plan)
    {
        var scheduler = new TestScheduler();
        var job = StreamJob.Create(
            () => FileSource.Csv(path, MapReading, new CsvOptions
                {
                    HasHeader = true,
                    BufferSize = bufferSize,
                    Reading = new SourceOptions { RecordsPerStep = perStep, Pace = TimeSpan.FromMilliseconds(1) },
                })
                .WithEventTime(r => r.Time, WatermarkStrategy.NoWatermarks())
                .Where(_ =>
                {
                    plan.OnRecord();
                    return true;
                })
                .KeyBy(r => r.Sensor)
                .Sum(r => (long)r.Value),
            new CheckpointOptions
            {
                Scheduler = scheduler,
                Storage = plan.Storage(),
                Interval = TimeSpan.FromMilliseconds(7),
                AsynchronousSnapshots = false,
                RestartStrategy = RestartStrategy.FixedDelay(10, TimeSpan.FromMilliseconds(2)),
            });
        var output = new Collector<StreamElement<Keyed<string, long>>>();
        using (job.Subscribe(output))
        {
            scheduler.Start();
        }

        Assert.True(output.Completed, output.Error?.ToString());
        return output.Items.Where(e => e.IsRecord).Select(e => e.Value.ToString()).ToList();
    }

    /// <summary>The running sums per key of records 1..n (key i % keys, value i), as the job prints them.</summary>
    private static List<string> Expected(int n, int keys = 3)
    {
        var sums = new long[keys];
        var result = new List<string>();
        for (var i = 1; i <= n; i++)
        {
            sums[i % keys] += i;
            result.Add(new Keyed<string, long>("k" + (i % keys), sums[i % keys]).ToString());
        }

        return result;
    }
}
