using System.IO;
using System.Threading.Tasks;
using Microsoft.Reactive.Testing;
using RxStreams.Checkpoints;

namespace RxStreams.Tests.Checkpoints.Jobs;

public sealed class SavepointTest : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "rxstreams-savepoint-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task AJobStoppedWithASavepointResumesFromItInANewJob()
    {
        var events = StreamJobTest.Events(150, keys: 6, seed: 21);
        var expected = StreamJobTest.Run(events, failAt: null, out _);

        // First job: stop with a savepoint after 60 ms of virtual time.
        var scheduler = new TestScheduler();
        var first = StreamJob.Create(() => Pipeline(events), Options(scheduler));
        var before = new Collector<StreamElement<string>>();
        using (first.Subscribe(before))
        {
            scheduler.AdvanceBy(TimeSpan.FromMilliseconds(60).Ticks);
            var stopping = first.StopWithSavepointAsync(new DirectoryCheckpointStorage(_directory));
            scheduler.AdvanceBy(1);
            Assert.True(stopping.IsCompletedSuccessfully, stopping.Exception?.ToString());
            Assert.True((await stopping).IsSavepoint);
            Assert.True(before.Completed);
        }

        var path = Assert.Single(Directory.GetDirectories(_directory));
        Assert.StartsWith("savepoint-", Path.GetFileName(path), StringComparison.Ordinal);

        // Second job, as a new process would: from the savepoint's directory.
        var resumed = new TestScheduler();
        var second = StreamJob.Create(() => Pipeline(events), Options(resumed) with { RestoreFrom = DirectoryCheckpointStorage.LoadFrom(path) });
        var after = new Collector<StreamElement<string>>();
        using (second.Subscribe(after))
        {
            resumed.AdvanceBy(TimeSpan.FromSeconds(10).Ticks);
        }

        Assert.True(after.Completed, after.Error?.ToString());
        var output = before.Items.Concat(after.Items).Where(e => e.IsRecord).Select(e => e.ToString()).ToList();
        Assert.Equal(expected, output);
        Assert.NotEmpty(before.Items.Where(e => e.IsRecord));
        Assert.NotEmpty(after.Items.Where(e => e.IsRecord));
    }

    [Fact]
    public async Task RestoringIntoAJobWithoutTheOperatorsFailsNamingThem()
    {
        var events = StreamJobTest.Events(40, keys: 3, seed: 2);
        var savepoint = await SavepointAfter20Ms(events);

        var other = StreamJob.Create(
            () => ReplayableSource.FromList(events, "events").WithEventTime(e => e.Time, WatermarkStrategy.NoWatermarks()).KeyBy(e => e.Key).Count(),
            Options(new TestScheduler()) with { RestoreFrom = savepoint });
        var output = new Collector<StreamElement<Keyed<string, long>>>();
        using (other.Subscribe(output))
        {
            ((TestScheduler)other.Options.Scheduler!).AdvanceBy(1);
        }

        var error = Assert.IsType<CheckpointRestoreException>(output.Error);
        Assert.Equal(
            $"Checkpoint {savepoint.CheckpointId} holds state of operators this job does not have: sessions. The job's operators are: Count#1, WithEventTime#1, events. " +
            "Give operators the uids they had with .Uid(\"...\"), or allow non-restored state to drop it.",
            error.Message);

        var allowed = StreamJob.Create(
            () => ReplayableSource.FromList(events, "events").WithEventTime(e => e.Time, WatermarkStrategy.NoWatermarks()).KeyBy(e => e.Key).Count(),
            Options(new TestScheduler()) with { RestoreFrom = savepoint, AllowNonRestoredState = true });
        var rest = new Collector<StreamElement<Keyed<string, long>>>();
        using (allowed.Subscribe(rest))
        {
            ((TestScheduler)allowed.Options.Scheduler!).AdvanceBy(TimeSpan.FromSeconds(1).Ticks);
        }

        Assert.True(rest.Completed);
        Assert.Equal(events.Count - (int)new RxStreams.State.StateReader(savepoint.Operators["events"].OperatorState[0].Data.Span).ReadVarInt64(), rest.Items.Count(e => e.IsRecord));
    }

    [Fact]
    public async Task AChangedStateTypeIsRefusedAtRestore()
    {
        var events = StreamJobTest.Events(40, keys: 3, seed: 2);
        var savepoint = await SavepointAfter20Ms(events);

        var changed = StreamJob.Create(
            () => ReplayableSource.FromList(events, "events", new SourceOptions { RecordsPerStep = 1, Pace = TimeSpan.FromMilliseconds(1) })
                .WithEventTime(e => e.Time, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(5)))
                .KeyBy(e => e.Key)
                .Process(() => new IntCount())
                .Uid("sessions"),
            Options(new TestScheduler()) with { RestoreFrom = savepoint });
        var output = new Collector<StreamElement<string>>();
        using (changed.Subscribe(output))
        {
            ((TestScheduler)changed.Options.Scheduler!).AdvanceBy(1);
        }

        var error = Assert.IsType<CheckpointRestoreException>(output.Error);
        Assert.Equal(
            "State 'count' of operator 'Process' (uid 'sessions') was written as 'value state i64' and is declared as 'value state i32'. " +
            "A changed state type, serializer or time to live cannot be read back: keep the old declaration, register a serializer that reads it, " +
            "give the descriptor a migration from the old type (Migrations = [StateMigration.From<TOld, TNew>(convert)]), or give the state a new name.",
            error.Message);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>Runs the sessions pipeline for 20 ms of virtual time, then stops it with a savepoint in the job's storage.</summary>
    private static async Task<CheckpointSnapshot> SavepointAfter20Ms(List<(string Key, long Time)> events)
    {
        var scheduler = new TestScheduler();
        var first = StreamJob.Create(() => Pipeline(events), Options(scheduler));
        using (first.Subscribe(new Collector<StreamElement<string>>()))
        {
            scheduler.AdvanceBy(TimeSpan.FromMilliseconds(20).Ticks);
            var stopping = first.StopWithSavepointAsync();
            scheduler.AdvanceBy(1);
            Assert.True(stopping.IsCompletedSuccessfully);
            return await stopping;
        }
    }

    private static CheckpointOptions Options(TestScheduler scheduler) => new()
    {
        Scheduler = scheduler,
        Interval = TimeSpan.FromMilliseconds(10),
        AsynchronousSnapshots = false,
    };

    private static IObservable<StreamElement<string>> Pipeline(List<(string Key, long Time)> events) =>
        ReplayableSource.FromList(events, "events", new SourceOptions { RecordsPerStep = 1, Pace = TimeSpan.FromMilliseconds(1) })
            .WithEventTime(e => e.Time, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(5)))
            .KeyBy(e => e.Key)
            .Process(() => new StreamJobTest.SessionCountFunction(new StreamJobTest.FailOnce(null)))
            .Uid("sessions");

    private sealed class IntCount : KeyedProcessFunction<string, (string Key, long Time), string>
    {
        public override void Open(RuntimeContext context)
        {
            context.GetState(new ValueStateDescriptor<int>("count"));
            context.GetState(new ValueStateDescriptor<long>("timer"));
        }

        public override void ProcessElement((string Key, long Time) value, KeyedProcessContext<string, string> context)
        {
        }
    }
}
