using System.IO;
using System.Reactive.Subjects;
using CsCheck;
using Microsoft.Reactive.Testing;
using RxStreams.Sinks;
using RxStreams.Testing;

namespace RxStreams.Tests.Sinks;

/// <summary>
/// The file sink: exact CSV and JSON lines output, part names per subtask, rolling by size, age and checkpoint, what
/// an earlier run left, and random crashes in a job that leave exactly the committed files of a run without failure.
/// </summary>
public sealed class FileSinkTest : IDisposable
{
    // In memory where the machine has it: the sink's logic is under test here, not the disk's fsync latency.
    private readonly string _root = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), "rxstreams-filesink-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    internal readonly record struct Reading(string Sensor, double Value, long Time);

    private static readonly FileFormat<Reading> Csv = FileFormats.Csv<Reading>(["sensor", "value", "time"], (r, row) => row.Add(r.Sensor).Add(r.Value).Add(r.Time));

    [Fact]
    public void CsvPartsHoldAHeaderAndQuotedFieldsAndAreCommittedAtTheEnd()
    {
        var dir = Path.Combine(_root, "csv");
        var output = Write(new FileSink<Reading>(dir, Csv), new Reading("a", 1.5, 1), new Reading("b,\"x\"", -0.25, 2), new Reading("line\nbreak", 1e21, 3));

        Assert.Equal("|", output);
        Assert.Equal(["part-0-0.csv"], Names(dir));
        Assert.Equal("sensor,value,time\na,1.5,1\n\"b,\"\"x\"\"\",-0.25,2\n\"line\nbreak\",1E+21,3\n", File.ReadAllText(Path.Combine(dir, "part-0-0.csv")));
    }

    [Fact]
    public void JsonLinesPartsHoldARecordPerLine()
    {
        var dir = Path.Combine(_root, "json");
        Write(new FileSink<Reading>(dir, FileFormats.JsonLines<Reading>()), new Reading("a", 1.5, 1), new Reading("b", 2, 2));

        Assert.Equal("{\"Sensor\":\"a\",\"Value\":1.5,\"Time\":1}\n{\"Sensor\":\"b\",\"Value\":2,\"Time\":2}\n", File.ReadAllText(Path.Combine(dir, "part-0-0.jsonl")));
    }

    [Fact]
    public void PartsRollBySizeAfterABatchAndAreCommittedAsTheyRollOutsideAJob()
    {
        var dir = Path.Combine(_root, "size");
        var input = new Subject<StreamElement<Reading>>();
        var sink = new FileSink<Reading>(dir, Csv, new FileSinkOptions { MaxPartSize = 40 }, new SinkOptions { BatchSize = 2, BatchLatency = TimeSpan.Zero });
        input.SinkTo(sink).Subscribe(new Collector<StreamElement<Reading>>());

        // The header is 18 bytes and a line 8: a part holds 2 batches of 2 (50 bytes, rolled after the second).
        for (var i = 0; i < 5; i++)
        {
            input.OnNext(StreamElement.Record(new Reading("s" + i, i, i), i));
        }

        // s4 waits in its batch: no part is open.
        Assert.Equal(["part-0-0.csv"], Names(dir));
        Assert.Empty(Hidden(dir));
        input.OnCompleted();

        Assert.Equal(["part-0-0.csv", "part-0-1.csv"], Names(dir));
        Assert.Empty(Hidden(dir));
        Assert.Equal("sensor,value,time\ns0,0,0\ns1,1,1\ns2,2,2\ns3,3,3\n", File.ReadAllText(Path.Combine(dir, "part-0-0.csv")));
        Assert.Equal("sensor,value,time\ns4,4,4\n", File.ReadAllText(Path.Combine(dir, "part-0-1.csv")));
    }

    [Fact]
    public void PartsRollByAgeOnTheSinksScheduler()
    {
        var dir = Path.Combine(_root, "age");
        var scheduler = new TestScheduler();
        var input = scheduler.CreateHotObservable(
            ReactiveTest.OnNext(100, StreamElement.Record(new Reading("a", 1, 1), 1)),
            ReactiveTest.OnNext(200, StreamElement.Record(new Reading("b", 2, 2), 2)),
            ReactiveTest.OnNext(1200, StreamElement.Record(new Reading("c", 3, 3), 3)),
            ReactiveTest.OnNext(1250, StreamElement.Record(new Reading("d", 4, 4), 4)),
            ReactiveTest.OnCompleted<StreamElement<Reading>>(1300));
        var sink = new FileSink<Reading>(dir, Csv, new FileSinkOptions { MaxPartAge = TimeSpan.FromTicks(1000) }, new SinkOptions { BatchSize = 1, Scheduler = scheduler });
        input.SinkTo(sink).Subscribe(new Collector<StreamElement<Reading>>());
        scheduler.Start();

        // Opened at 100, the part is past its age after c at 1200: it rolls, and d begins the next.
        Assert.Equal(["part-0-0.csv", "part-0-1.csv"], Names(dir));
        Assert.Equal("sensor,value,time\na,1,1\nb,2,2\nc,3,3\n", File.ReadAllText(Path.Combine(dir, "part-0-0.csv")));
        Assert.Equal("sensor,value,time\nd,4,4\n", File.ReadAllText(Path.Combine(dir, "part-0-1.csv")));
    }

    [Fact]
    public void WhatAnEarlierRunLeftIsDeletedAndCommittedPartsAreNeverOverwritten()
    {
        var dir = Path.Combine(_root, "left");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "part-0-3.csv"), "committed before\n");
        File.WriteAllText(Path.Combine(dir, ".part-0-4.csv.inprogress"), "a crashed run's\n");
        File.WriteAllText(Path.Combine(dir, ".part-1-0.csv.inprogress"), "another subtask's\n");
        File.WriteAllText(Path.Combine(dir, ".other-0-0.csv.inprogress"), "another sink's\n");

        Write(new FileSink<Reading>(dir, Csv), new Reading("a", 1, 1));

        // The one writer claims every old subtask (1 mod 1 = 0); another prefix is another sink's.
        Assert.Equal(["part-0-3.csv", "part-0-4.csv"], Names(dir));
        Assert.Equal([".other-0-0.csv.inprogress"], Hidden(dir));
        Assert.Equal("committed before\n", File.ReadAllText(Path.Combine(dir, "part-0-3.csv")));
    }

    [Fact]
    public void ADirectoryThatCannotBeCreatedFailsWithSinkUnavailable()
    {
        Directory.CreateDirectory(_root);
        var file = Path.Combine(_root, "a-file");
        File.WriteAllText(file, "");
        var output = new Collector<StreamElement<Reading>>();

        new Subject<StreamElement<Reading>>().SinkTo(new FileSink<Reading>(Path.Combine(file, "sub"), Csv)).Subscribe(output);

        var error = Assert.IsType<SinkUnavailableException>(output.Error);
        Assert.StartsWith($"Sink 'FileSink' (uid 'FileSink', subtask 0 of 1): the directory '{Path.Combine(file, "sub")}' cannot be created:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadOptionsAreRefused()
    {
        Assert.Throws<ArgumentException>("PartPrefix", () => new FileSink<Reading>(_root, Csv, new FileSinkOptions { PartPrefix = ".hidden" }));
        Assert.Throws<ArgumentOutOfRangeException>("MaxPartSize", () => new FileSink<Reading>(_root, Csv, new FileSinkOptions { MaxPartSize = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>("Guarantee", () => new FileSink<Reading>(_root, Csv, new FileSinkOptions { Guarantee = SinkGuarantee.None }));
        Assert.Throws<ArgumentException>("header", () => FileFormats.Csv<Reading>([], (_, _) => { }));
    }

    [Fact]
    public void APendingPartDeletedBeforeItsCommitFailsTheRecoveryNamingIt()
    {
        var dir = Path.Combine(_root, "gone");

        // Checkpoint 2 stored, never announced: its pending part is deleted behind the sink's back before the restore.
        var plan = new SinkCrashPlan([], [], [], [], [2]);
        var sink = new FileSink<string>(dir, FileFormats.JsonLines<string>(), options: new SinkOptions { BatchSize = 1 });
        var deleting = new DeletingSink(sink, dir);
        var (completed, error, _) = SinkJobs.Run(Enumerable.Range(0, 30).ToArray(), plan, deleting);

        Assert.False(completed);
        var failure = Assert.IsType<SinkException>(error);
        Assert.Matches(@"^Sink 'FileSink' \(uid 'out', subtask 0 of 1\): the pending part file '.*/\.part-0-\d+\.jsonl\.inprogress' is missing \(deleted outside the sink\?\): its records cannot be committed\.$", failure.Message);
    }

    [Fact]
    public void RandomCrashesLeaveExactlyTheCommittedFilesOfARunWithoutFailure()
    {
        var crashes = 0;
        var run = 0;
        Gen.Select(Gen.Int[1, 120], Gen.Int[1, 150].Array[0, 2], Gen.Int[2, 4].Array[0, 1], Gen.Int[1, 10].Array[0, 2], Gen.Long[1, 12].Array[0, 2], Gen.Long[1, 12].Array[0, 1], Gen.Int[1, 6])
            .Select(Gen.Int[20, 200], Gen.Bool, (sample, partSize, json) => (sample, partSize, json))
            .Sample(
                sample =>
                {
                    var ((count, records, opens, commits, lost, unannounced, batch), partSize, json) = sample;
                    var input = Enumerable.Range(0, count).ToArray();
                    var expectedDir = Path.Combine(_root, "expected" + run);
                    var actualDir = Path.Combine(_root, "actual" + run++);
                    Assert.True(SinkJobs.Run(input, SinkCrashPlan.None, Sink(expectedDir, partSize, batch, json)).Completed);

                    var plan = new SinkCrashPlan(records, opens, commits, lost, unannounced);
                    var (completed, error, restarts) = SinkJobs.Run(input, plan, Sink(actualDir, partSize, batch, json));
                    crashes += plan.Injected;

                    Assert.True(completed, error?.ToString());
                    Assert.Equal(plan.Crashes, restarts);
                    var expected = Lines(expectedDir);
                    Assert.Equal(input.Select(i => json ? $"\"r{i}\"" : "r" + i), expected);
                    Assert.Equal(expected, Lines(actualDir));
                    Assert.Empty(Hidden(actualDir));
                },
                iter: 150,
                threads: 1,
                seed: "0N0XIzNsQ0O3");
        Assert.True(crashes >= 150, $"only {crashes} crash points were exercised");
    }

    [Fact]
    public void AtLeastOnceAppendsVisiblePartsAndARestartRepeatsButLosesNothing()
    {
        var dir = Path.Combine(_root, "plain");
        var sink = new FileSink<string>(dir, FileFormats.JsonLines<string>(), new FileSinkOptions { Guarantee = SinkGuarantee.AtLeastOnce }, new SinkOptions { BatchSize = 1 });
        var (completed, error, restarts) = SinkJobs.Run(Enumerable.Range(0, 50).ToArray(), new SinkCrashPlan([33], [], [], [], []), sink);

        Assert.True(completed, error?.ToString());
        Assert.Equal(1, restarts);
        var lines = Lines(dir);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"\"r{i}\""), lines.Distinct());
        Assert.True(lines.Count > 50, "the restart wrote the records after the checkpoint again");
        Assert.Empty(Hidden(dir));
    }

    private static FileSink<string> Sink(string dir, int partSize, int batch, bool json) =>
        new(dir, json ? FileFormats.JsonLines<string>() : FileFormats.Csv<string>(["r"], (r, row) => row.Add(r)), new FileSinkOptions { MaxPartSize = partSize }, new SinkOptions { BatchSize = batch });

    /// <summary>The records of the committed parts, in (subtask, counter) order, without CSV headers.</summary>
    internal static List<string> Lines(string dir) =>
        Directory.Exists(dir)
            ? Directory.GetFiles(dir, "part-*")
                .Select(path => (Path: path, Key: Path.GetFileNameWithoutExtension(path).Split('-').Skip(1).Select(int.Parse).ToArray()))
                .OrderBy(p => p.Key[0]).ThenBy(p => p.Key[1])
                .SelectMany(p => File.ReadAllLines(p.Path).Where(line => line != "r"))
                .ToList()
            : [];

    private static List<string> Names(string dir) => Directory.GetFiles(dir).Select(Path.GetFileName).Where(n => !n!.StartsWith('.')).Order(StringComparer.Ordinal).ToList()!;

    private static List<string> Hidden(string dir) => Directory.GetFiles(dir).Select(Path.GetFileName).Where(n => n!.StartsWith('.')).Order(StringComparer.Ordinal).ToList()!;

    private static string Write(FileSink<Reading> sink, params Reading[] readings)
    {
        var input = new Subject<StreamElement<Reading>>();
        var output = new Collector<StreamElement<Reading>>();
        input.SinkTo(sink).Subscribe(output);
        for (var i = 0; i < readings.Length; i++)
        {
            input.OnNext(StreamElement.Record(readings[i], i));
        }

        input.OnCompleted();
        return output.Describe();
    }

    /// <summary>Deletes every hidden part when a second writer opens (the restart), as a user cleaning up by hand would.</summary>
    private sealed class DeletingSink(FileSink<string> inner, string dir) : Sink<string>(inner.Name, inner.Options)
    {
        private int _opened;

        public override SinkGuarantee Guarantee => inner.Guarantee;

        protected internal override SinkWriter<string> CreateWriter(SinkContext context)
        {
            if (++_opened == 2)
            {
                foreach (var hidden in Directory.GetFiles(dir, ".*"))
                {
                    File.Delete(hidden);
                }
            }

            return inner.CreateWriter(context);
        }
    }
}
