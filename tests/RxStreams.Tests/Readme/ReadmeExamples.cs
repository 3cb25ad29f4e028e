using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using Microsoft.Reactive.Testing;
using RxStreams;
using System.IO;
using RxStreams.Checkpoints;
using RxStreams.RocksDb;
using RxStreams.Sinks;
using RxStreams.State;
using RxStreams.Testing;

namespace RxStreams.Tests.Readme;

/// <summary>
/// Every C# snippet of the repository's README.md, verbatim between <c>// README: name</c> and <c>// END README</c>,
/// run and checked. <see cref="ReadmeSyncTest"/> fails when README.md and this file drift apart.
/// </summary>
[Collection(nameof(Adversarial.ParallelTaskThreads))]
[Adversarial.NoLeakedTaskThreads]
public class ReadmeExamples
{
    private sealed record Reading(string Sensor, long Time);

    // README: counting-sink
    sealed class CountingSink : IBatchObserver<StreamElement<long>>
    {
        public long Records { get; private set; }

        public int Calls { get; private set; }

        public void OnNextBatch(ReadOnlySpan<StreamElement<long>> elements)
        {
            Calls++;
            foreach (var element in elements)
            {
                Records += element.IsRecord ? 1 : 0;
            }
        }

        public void OnNext(StreamElement<long> element)
        {
            Calls++;
            Records += element.IsRecord ? 1 : 0;
        }

        public void OnError(Exception error) => throw error;

        public void OnCompleted()
        {
        }
    }
    // END README

    [Fact]
    public void BatchSink()
    {
        // README: batch-sink
        var numbers = Enumerable.Range(0, 10_000).Select(i => StreamElement.Record((long)i, i)).ToArray();
        var sink = new CountingSink();
        Sources.FromArray(numbers).Where(n => n % 2 == 0).Subscribe(sink);

        // sink.Records == 5_000, in sink.Calls == 10 calls: one per run of up to 1,024 source elements
        // END README

        Assert.Equal(5_000, sink.Records);
        Assert.Equal(Batching.Enabled ? 10 : 5_000, sink.Calls); // one element at a time with RXSTREAMS_BATCHING=off
    }

    [Fact]
    public void EnteringEventTime()
    {
        // README: entering-event-time
        var readings = new[]
        {
            (Sensor: "kitchen", Celsius: 21, Time: 1_000L),
            (Sensor: "cellar", Celsius: 14, Time: 3_000L),
            (Sensor: "kitchen", Celsius: 22, Time: 2_500L), // 500 ms out of order: within the bound
            (Sensor: "cellar", Celsius: 15, Time: 6_000L),
        };

        var seen = new List<string>();
        readings.ToObservable()
            .WithEventTime(r => r.Time, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromSeconds(1)))
            .Subscribe(e => seen.Add(e.ToString()));

        // seen: (kitchen, 21, 1000)@1000  W0  (cellar, 14, 3000)@3000  W2000
        //       (kitchen, 22, 2500)@2500  (cellar, 15, 6000)@6000  W5000  Wmax
        // END README

        Assert.Equal(
            ["(kitchen, 21, 1000)@1000", "W0", "(cellar, 14, 3000)@3000", "W2000",
             "(kitchen, 22, 2500)@2500", "(cellar, 15, 6000)@6000", "W5000", "Wmax"],
            seen);
    }

    [Fact]
    public void QuerySyntax()
    {
        // README: query-syntax
        IObservable<StreamElement<string>> words =
            StreamDescription.Parse("the@1 quick@3 W2 brown@2 fox@5 Wmax").ToObservable();

        var query = from word in words
                    where word.Length > 3
                    select word.ToUpperInvariant();

        var output = new List<StreamElement<string>>();
        query.Subscribe(output.Add);

        // StreamDescription.Format(output) == "QUICK@3 W2 BROWN@2 Wmax"
        // END README

        Assert.Equal("QUICK@3 W2 BROWN@2 Wmax", StreamDescription.Format(output));
    }

    [Fact]
    public void RxOperators()
    {
        // README: rx-operators
        var firstTwo = new List<StreamElement<string>>();
        var counted = new List<StreamElement<int>>();
        var letters = StreamDescription.Parse("a@1 W1 b@2 b@3 W3 c@4 Wmax").ToObservable();

        letters.Distinct().Take(2).Subscribe(firstTwo.Add);
        letters.Count().Subscribe(counted.Add);

        // StreamDescription.Format(firstTwo) == "a@1 W1 b@2 Wmax"
        // StreamDescription.Format(counted) == "W1 W3 4@9223372036854775806 Wmax"
        // END README

        Assert.Equal("a@1 W1 b@2 Wmax", StreamDescription.Format(firstTwo));
        Assert.Equal("W1 W3 4@9223372036854775806 Wmax", StreamDescription.Format(counted));
    }

    [Fact]
    public void Union()
    {
        // README: union
        var left = new Subject<StreamElement<string>>();
        var right = new Subject<StreamElement<string>>();
        var merged = new List<StreamElement<string>>();
        left.Union(right).Subscribe(merged.Add);

        left.OnNext(StreamElement.Record("a", 1));
        left.OnNext(StreamElement.Watermark<string>(5));  // right has no watermark yet: held back
        right.OnNext(StreamElement.Watermark<string>(3)); // min(5, 3) = 3
        right.OnNext(StreamElement.Record("b", 4));
        right.OnNext(StreamElement.Watermark<string>(8)); // min(5, 8) = 5
        left.OnCompleted();                               // a completed input stops holding back: 8
        right.OnCompleted();                              // all inputs done: Wmax, then completion

        // StreamDescription.Format(merged) == "a@1 W3 b@4 W5 W8 Wmax"
        // END README

        Assert.Equal("a@1 W3 b@4 W5 W8 Wmax", StreamDescription.Format(merged));
    }

    [Fact]
    public void KeyedRollingAggregations()
    {
        // README: keyed-rolling
        var readings = new[]
        {
            (Sensor: "kitchen", Celsius: 21, Time: 1_000L),
            (Sensor: "cellar", Celsius: 14, Time: 1_200L),
            (Sensor: "kitchen", Celsius: 23, Time: 1_900L),
            (Sensor: "kitchen", Celsius: 22, Time: 2_400L),
        };

        var maxima = new List<StreamElement<Keyed<string, int>>>();
        readings.ToObservable()
            .WithEventTime(r => r.Time, WatermarkStrategy.ForMonotonousTimestamps())
            .KeyBy(r => r.Sensor)
            .Max(r => r.Celsius)
            .Subscribe(maxima.Add);

        // StreamDescription.Format(maxima) == "kitchen=21@1000 W1000 cellar=14@1200 W1200
        //                                      kitchen=23@1900 W1900 kitchen=23@2400 W2400 Wmax"
        // END README

        Assert.Equal(
            "kitchen=21@1000 W1000 cellar=14@1200 W1200 kitchen=23@1900 W1900 kitchen=23@2400 W2400 Wmax",
            StreamDescription.Format(maxima));

        // README: keyed-shared
        var stream = readings.ToObservable()
            .WithEventTime(r => r.Time, WatermarkStrategy.ForMonotonousTimestamps())
            .Publish();
        var bySensor = stream.KeyBy(r => r.Sensor);

        var counts = new List<Keyed<string, long>>();
        var averages = new List<Keyed<string, double>>();
        bySensor.Count().Values().Subscribe(counts.Add);
        bySensor.Average(r => r.Celsius).Values().Subscribe(averages.Add);
        stream.Connect(); // one pass over the input feeds both aggregations

        // counts:   kitchen=1  cellar=1  kitchen=2  kitchen=3
        // averages: kitchen=21 cellar=14 kitchen=22 kitchen=22
        // END README

        Assert.Equal(["kitchen=1", "cellar=1", "kitchen=2", "kitchen=3"], counts.Select(c => c.ToString()));
        Assert.Equal(["kitchen=21", "cellar=14", "kitchen=22", "kitchen=22"], averages.Select(a => a.ToString()));
    }

    [Fact]
    public void DeadLettersAndLateRecords()
    {
        // README: dead-letters
        var late = new SideOutput<Record<string>>("late");
        var deadLetters = new DeadLetters();
        var failures = new List<DeadLetter>();
        deadLetters.Subscribe(failures.Add);

        var output = new List<StreamElement<int>>();
        StreamDescription.Parse("10@1 x@2 W5 3@4 7@6 Wmax").ToObservable()
            .DivertLate(late)               // 3@4 arrives behind W5: late, diverted
            .Select(int.Parse, deadLetters) // "x" is no number: a dead letter, the stream goes on
            .Subscribe(output.Add);

        // StreamDescription.Format(output) == "10@1 W5 7@6 Wmax"
        // late.Count == 1, deadLetters.Count == 1
        // failures[0]: Operator "Select", Record "x", Timestamp 2, Error a FormatException

        Exception? error = null;
        StreamDescription.Parse("x@2").ToObservable()
            .Select(int.Parse) // no dead letters: the stream fails
            .Subscribe(_ => { }, e => error = e);

        // error: a StreamOperatorException with Operator "Select", Record "x", Timestamp 2,
        //        and the FormatException as InnerException
        // END README

        Assert.Equal("10@1 W5 7@6 Wmax", StreamDescription.Format(output));
        Assert.Equal(1, late.Count);
        Assert.Equal(1, deadLetters.Count);
        var failure = Assert.Single(failures);
        Assert.Equal("Select", failure.Operator);
        Assert.Equal("x", failure.Record);
        Assert.Equal(2L, failure.Timestamp);
        Assert.IsType<FormatException>(failure.Error);

        var failed = Assert.IsType<StreamOperatorException>(error);
        Assert.Equal("Select", failed.Operator);
        Assert.Equal("x", failed.Record);
        Assert.Equal(2L, failed.Timestamp);
        Assert.IsType<FormatException>(failed.InnerException);
    }

    [Fact]
    public void LateRecordsReachTheSideOutput()
    {
        var late = new SideOutput<Record<string>>("late");
        var seen = new List<Record<string>>();
        late.Subscribe(seen.Add);
        StreamDescription.Parse("10@1 W5 3@4 Wmax").ToObservable().DivertLate(late).Subscribe(_ => { });

        Assert.Equal([new Record<string>("3", 4)], seen);
        Assert.Equal("late (1)", late.ToString());
    }

    [Fact]
    public void ReadingFiles()
    {
        var dir = Path.Combine(Path.GetTempPath(), "readme-readings-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
        // README: reading-files
        File.WriteAllText(Path.Combine(dir, "2026-12-01.csv"), "sensor,time,celsius\nkitchen,1000,21.5\n\"hall, north\",2000,19\ncellar,3000,x\n");
        File.WriteAllText(Path.Combine(dir, "2026-12-02.csv"), "sensor,time,celsius\nkitchen,61000,22.5\n");

        var deadLetters = new DeadLetters();
        var bad = new List<FileLine>();
        deadLetters.Subscribe(d => bad.Add((FileLine)d.Record!));

        var scheduler = new TestScheduler();
        var job = StreamJob.Create(
            () => FileSource.Csv(
                    dir, // a file, a directory, or a glob such as "/data/**/readings-*.csv"
                    row => (Sensor: row.GetString(0), Time: row.GetInt64(1), Celsius: row.GetDouble(2)),
                    new CsvOptions { HasHeader = true, DeadLetters = deadLetters, Name = "readings" })
                .WithEventTime(r => r.Time, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromSeconds(5)))
                .KeyBy(r => r.Sensor)
                .Max(r => r.Celsius),
            new CheckpointOptions { Scheduler = scheduler });

        var output = new List<string>();
        using (job.Subscribe(e => { if (e.IsRecord) output.Add(e.ToString()); }))
        {
            scheduler.Start();
        }

        // output: kitchen=21.5@1000  hall, north=19@2000  kitchen=22.5@61000
        // bad[0]: .../2026-12-01.csv, line 4, byte 60, "cellar,3000,x"
        //         (its error: a FileSourceException, reason "field 2 (\"x\") is not a valid Double")
        // END README
        Assert.Equal(["kitchen=21.5@1000", "hall, north=19@2000", "kitchen=22.5@61000"], output);
        Assert.Equal([new FileLine(Path.Combine(dir, "2026-12-01.csv"), 4, 60, "cellar,3000,x")], bad);
        Assert.Equal(1, deadLetters.Count);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void EventTimeScheduler()
    {
        // README: event-time-scheduler
        var clock = new EventTimeScheduler();
        var log = new List<string>();

        Observable.Timer(DateTimeOffset.FromUnixTimeMilliseconds(5_000), clock)
            .Subscribe(_ => log.Add($"timer fired at event time {clock.CurrentWatermark}"));

        StreamDescription.Parse("a@1000 W3000 b@4000 W7000 c@8000 Wmax").ToObservable()
            .WithEventTimeScheduler(clock) // each watermark first runs the timers due at or before it
            .Subscribe(e => log.Add(e.ToString()));

        // log: a@1000  W3000  b@4000  timer fired at event time 5000  W7000  c@8000  Wmax
        // END README

        Assert.Equal(["a@1000", "W3000", "b@4000", "timer fired at event time 5000", "W7000", "c@8000", "Wmax"], log);
        Assert.Equal(0, clock.PendingTimers);
    }

    [Fact]
    public void TestingWithTestScheduler()
    {
        // README: testing
        var scheduler = new TestScheduler();
        var late = new SideOutput<Record<string>>("late");
        var output = new List<StreamElement<string>>();

        StreamDescription.Parse("a@1 b@5 W4 c@3 d@9 Wmax")
            .ToObservable(scheduler, TimeSpan.FromSeconds(1)) // one element per second of virtual time
            .DivertLate(late)
            .Subscribe(output.Add);

        scheduler.AdvanceBy(TimeSpan.FromSeconds(3).Ticks);
        Assert.Equal("a@1 b@5 W4", StreamDescription.Format(output));

        scheduler.Start();
        Assert.Equal("a@1 b@5 W4 d@9 Wmax", StreamDescription.Format(output));
        Assert.Equal(1, late.Count); // c@3 arrived behind W4
        // END README
    }

    [Fact]
    public void TumblingWindows()
    {
        // README: tumbling-windows
        // Cars crossing intersections at event times in ms; north@1500 and north@3000 arrive late.
        var crossings = StreamDescription.Parse("north@1000 south@2000 north@4999 north@5000 W5000 north@1500 south@9000 W12000 north@3000");

        var late = new SideOutput<Record<string>>("late-crossings");
        var counters = new WindowCounters();
        var perFiveSeconds = new List<StreamElement<WindowResult<string, long>>>();
        crossings.ToObservable()
            .KeyBy(intersection => intersection)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(5)))
            .AllowedLateness(TimeSpan.FromSeconds(2))
            .SideOutputLateData(late)
            .WithCounters(counters)
            .Count()
            .Subscribe(perFiveSeconds.Add);

        // StreamDescription.Format(perFiveSeconds) ==
        //   "north[0,5000)=2@4999 south[0,5000)=1@4999 W5000 north[0,5000)=3~late#1@4999
        //    north[5000,10000)=1@9999 south[5000,10000)=1@9999 W12000 Wmax"
        // north@1500 is within the 2 s lateness: a late update. north@3000 comes after [0,5000) closed at
        // 5000 + 2000: late.Count == 1. Every window's state is freed: counters.LiveWindows == 0.
        // END README

        Assert.Equal(
            "north[0,5000)=2@4999 south[0,5000)=1@4999 W5000 north[0,5000)=3~late#1@4999 " +
            "north[5000,10000)=1@9999 south[5000,10000)=1@9999 W12000 Wmax",
            StreamDescription.Format(perFiveSeconds));
        Assert.Equal(1, late.Count);
        Assert.Equal(1, counters.LateRecordsDropped);
        Assert.Equal(0, counters.LiveWindows);
    }

    [Fact]
    public void SlidingWindows()
    {
        // README: sliding-windows
        var bids = StreamDescription.Parse("7@1000 3@4000 9@6500 Wmax", int.Parse);

        var highest = new List<StreamElement<WindowResult<System.Reactive.Unit, int>>>();
        bids.ToObservable()
            .WindowAll(SlidingEventTimeWindows.Of(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(2)))
            .Max(price => price)
            .Values()
            .Subscribe(r => highest.Add(StreamElement.Record(r, r.Window.MaxTimestamp)));

        // Each bid is in 4 s / 2 s = 2 windows:
        // ()[-2000,2000)=7 ()[0,4000)=7 ()[2000,6000)=3 ()[4000,8000)=9 ()[6000,10000)=9
        // END README

        Assert.Equal(
            "()[-2000,2000)=7@1999 ()[0,4000)=7@3999 ()[2000,6000)=3@5999 ()[4000,8000)=9@7999 ()[6000,10000)=9@9999",
            StreamDescription.Format(highest));
    }

    [Fact]
    public void SessionWindows()
    {
        // README: session-windows
        // Clicks per user; a session ends after 30 s without a click. u1's click at 40 s bridges two sessions.
        var clicks = StreamDescription.Parse("u1@0 u1@20000 u2@5000 u1@75000 u1@45000 u1@50000 Wmax");

        var sessions = new List<WindowResult<string, long>>();
        clicks.ToObservable()
            .KeyBy(user => user)
            .Window(EventTimeSessionWindows.WithGap(TimeSpan.FromSeconds(30)))
            .Count()
            .Values()
            .Subscribe(sessions.Add);

        // u2[5000,35000)=1  u1[0,105000)=5 (sessions [0,50000) and [75000,105000) merged by the click at 45000)
        // END README

        Assert.Equal(["u2[5000,35000)=1", "u1[0,105000)=5"], sessions.Select(s => s.ToString()));
    }

    [Fact]
    public void ProcessWindowFunctionRun()
    {
        // README: process-window-function-run
        var readings = StreamDescription.Parse(
            "kitchen:21@1000 kitchen:32@4000 cellar:14@5000 W10000 kitchen:22@9000 kitchen:35@12000 Wmax",
            text => (Sensor: text.Split(':')[0], Celsius: int.Parse(text.Split(':')[1])));

        var newHighs = new SideOutput<string>("new-highs");
        var highs = new List<string>();
        newHighs.Subscribe(highs.Add);
        var reports = new List<StreamElement<WindowResult<string, string>>>();
        readings.ToObservable()
            .KeyBy(r => r.Sensor)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(10)))
            .AllowedLateness(TimeSpan.FromSeconds(5))
            .Process(new RecordHighs(newHighs))
            .Subscribe(reports.Add);

        // StreamDescription.Format(reports) ==
        //   "kitchen[0,10000)=max 32, firing 1, record 32@9999 cellar[0,10000)=max 14, firing 1, record 14@9999 W10000
        //    kitchen[0,10000)=max 32, firing 2, record 32~late#1@9999 kitchen[10000,20000)=max 35, firing 1, record 35@19999 Wmax"
        // highs == ["kitchen: 35 in [10000,20000)"]
        // END README

        Assert.Equal(
            "kitchen[0,10000)=max 32, firing 1, record 32@9999 cellar[0,10000)=max 14, firing 1, record 14@9999 W10000 " +
            "kitchen[0,10000)=max 32, firing 2, record 32~late#1@9999 kitchen[10000,20000)=max 35, firing 1, record 35@19999 Wmax",
            StreamDescription.Format(reports));
        Assert.Equal(["kitchen: 35 in [10000,20000)"], highs);
    }

    // README: process-window-function
    /// <summary>Per sensor and window: the maximum, the firing's number, and the sensor's record high across windows.</summary>
    private sealed class RecordHighs(SideOutput<string> newHighs) : ProcessWindowFunction<string, (string Sensor, int Celsius), string, int>
    {
        private static readonly ValueStateDescriptor<int> RecordHigh = new("record-high");

        public override void Open(RuntimeContext context) => context.GetState(RecordHigh); // global state: declared here

        public override void Process(IReadOnlyList<(string Sensor, int Celsius)> readings, ProcessWindowContext<string, string, int> context)
        {
            var max = readings.Max(r => r.Celsius);
            var high = context.GlobalState.GetState(RecordHigh); // this sensor's, across all its windows
            if (!high.TryGetValue(out var previous) || max > previous)
            {
                high.Value = max;
                if (previous != 0)
                {
                    context.Output(newHighs, $"{context.Key}: {max} in {context.Window}"); // a side output
                }
            }

            context.WindowState++; // per key and window: kept across firings, dropped with the window
            context.Collect($"max {max}, firing {context.WindowState}, record {high.Value}");
        }
    }
    // END README

    [Fact]
    public void CustomTriggerRun()
    {
        // README: custom-trigger-run
        // u1's click at 20 s bridges the sessions of 0 s and 40 s: their counts, 1 and 1, merge, and its own makes 3.
        var clicks = StreamDescription.Parse("u1@0 u2@5000 u1@40000 u1@20000 Wmax");

        var fired = new List<StreamElement<WindowResult<string, long>>>();
        clicks.ToObservable()
            .KeyBy(user => user)
            .Window(EventTimeSessionWindows.WithGap(TimeSpan.FromSeconds(30)))
            .Trigger(new CountTrigger(3))
            .Count()
            .Subscribe(fired.Add);

        // StreamDescription.Format(fired) == "u1[0,70000)=3~early@69999 Wmax"
        // END README

        Assert.Equal("u1[0,70000)=3~early@69999 Wmax", StreamDescription.Format(fired));
    }

    // README: custom-trigger
    /// <summary>Flink's CountTrigger: fires every maxCount records, its count a reducing state merged with the sessions.</summary>
    internal sealed class CountTrigger(long maxCount) : WindowTrigger
    {
        private static readonly ReducingStateDescriptor<long> CountState = new("count", (a, b) => a + b);

        public override TriggerResult OnElement(long timestamp, TimeWindow window, ITriggerContext context)
        {
            var count = context.GetPartitionedState(CountState);
            count.Add(1);
            if (count.Value < maxCount)
            {
                return TriggerResult.Continue;
            }

            count.Clear();
            return TriggerResult.Fire;
        }

        public override void OnMerge(TimeWindow window, ITriggerContext context) => context.MergePartitionedState(CountState);

        public override void Clear(TimeWindow window, ITriggerContext context) => context.GetPartitionedState(CountState).Clear();
    }
    // END README

    [Fact]
    public void BuiltInTriggers()
    {
        // README: built-in-triggers
        var events = StreamDescription.Parse("a@1000 a@2500 b@2600 W5001 a@7000 W10000 Wmax");

        var continuous = new List<StreamElement<WindowResult<string, long>>>();
        events.ToObservable()
            .KeyBy(e => e)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(10)))
            .Trigger(WindowTrigger.ContinuousEventTime(TimeSpan.FromSeconds(5)))
            .Count()
            .Subscribe(continuous.Add);

        var atTheEnd = new List<StreamElement<WindowResult<string, long>>>();
        events.ToObservable()
            .KeyBy(e => e)
            .Window(GlobalWindows.CreateWithEndOfStreamTrigger())
            .Count()
            .Subscribe(atTheEnd.Add);

        // Flink's boundary 5000 fires at RxStreams' watermark 5001; the window's end at 10000:
        // StreamDescription.Format(continuous) == "a[0,10000)=2~early@9999 b[0,10000)=1~early@9999 W5001
        //                                          a[0,10000)=3#1@9999 b[0,10000)=1#1@9999 W10000 Wmax"
        // StreamDescription.Format(atTheEnd) == "W5001 W10000 a[global)=3@9223372036854775807 b[global)=1@9223372036854775807 Wmax"
        // END README

        Assert.Equal(
            "a[0,10000)=2~early@9999 b[0,10000)=1~early@9999 W5001 a[0,10000)=3#1@9999 b[0,10000)=1#1@9999 W10000 Wmax",
            StreamDescription.Format(continuous));
        Assert.Equal("W5001 W10000 a[global)=3@9223372036854775807 b[global)=1@9223372036854775807 Wmax", StreamDescription.Format(atTheEnd));
    }

    [Fact]
    public void Evictors()
    {
        // README: evictors
        var prices = StreamDescription.Parse("10@1 11@2 30@3 12@4 13@5 14@6 Wmax", int.Parse);

        var slidingFours = new List<string>();
        prices.ToObservable()
            .WindowAll(GlobalWindows.Create())
            .Trigger(WindowTrigger.Count(2))
            .Evictor(WindowEvictor.KeepLast(2, evictAfter: true)) // after each firing, the last 2 stay for the next
            .Process((_, _, window) => string.Join(",", window))
            .Values()
            .Subscribe(r => slidingFours.Add(r.Value));

        var nearTheLast = new List<string>();
        prices.ToObservable()
            .WindowAll(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(1)))
            .Evictor(WindowEvictor.Delta<int>(5, (price, last) => Math.Abs(last - price)))
            .Process((_, _, window) => string.Join(",", window))
            .Values()
            .Subscribe(r => nearTheLast.Add(r.Value));

        // slidingFours == ["10,11", "10,11,30,12", "30,12,13,14"]
        // nearTheLast == ["10,11,12,13,14"]: 30 is 16 away from the last price, 14
        // END README

        Assert.Equal(["10,11", "10,11,30,12", "30,12,13,14"], slidingFours);
        Assert.Equal(["10,11,12,13,14"], nearTheLast);
    }

    [Fact]
    public void CustomAssignerRun()
    {
        // README: custom-assigner-run
        var visits = StreamDescription.Parse("u1@0 u1:point@2500 u1@6000 Wmax");

        var sessions = new List<WindowResult<string, long>>();
        visits.ToObservable()
            .KeyBy(v => v.Split(':')[0])
            .Window(new PointSessions(TimeSpan.FromSeconds(3)))
            .Count()
            .Values()
            .Subscribe(sessions.Add);

        // sessions == ["u1[0,3000)=2", "u1[6000,9000)=1"]: the point at 2500 joined the first session
        // END README

        Assert.Equal(["u1[0,3000)=2", "u1[6000,9000)=1"], sessions.Select(s => s.ToString()));
    }

    // README: custom-assigner
    /// <summary>Flink's PointSessionWindows test assigner: a "point" record opens the empty window [t, t), merged into a session it touches.</summary>
    private sealed class PointSessions(TimeSpan gap) : WindowAssigner<string>
    {
        public override bool IsEventTime => true;

        public override bool IsMerging => true; // windows that overlap or touch merge, as Flink's TimeWindow.mergeWindows

        public override WindowTrigger DefaultTrigger => WindowTrigger.EventTime();

        public override void AssignWindows(string element, long timestamp, ICollection<TimeWindow> windows) =>
            windows.Add(new TimeWindow(timestamp, element.EndsWith(":point") ? timestamp : timestamp + (long)gap.TotalMilliseconds));
    }
    // END README

    [Fact]
    public void ProcessingTimeStaggerAndDynamicGaps()
    {
        // README: processing-time-windows
        var clock = new TestScheduler();
        clock.AdvanceTo(DateTimeOffset.UnixEpoch.Ticks); // the virtual clock at the Unix epoch: windows read as ms since it
        var input = new Subject<StreamElement<string>>();

        var natural = new List<string>();
        input.KeyBy(e => e.Split(':')[0])
            .Window(TumblingProcessingTimeWindows.Of(TimeSpan.FromSeconds(5), clock, TimeSpan.Zero, WindowStagger.Natural))
            .Count()
            .Values()
            .Subscribe(r => natural.Add($"{r} at {clock.Now.ToUnixTimeMilliseconds()}"));

        var sessions = new List<string>();
        input.KeyBy(e => e.Split(':')[0])
            .Window(ProcessingTimeSessionWindows.WithDynamicGap<string>(e => TimeSpan.FromMilliseconds(int.Parse(e.Split(':')[1])), clock))
            .Count()
            .Values()
            .Subscribe(r => sessions.Add($"{r} at {clock.Now.ToUnixTimeMilliseconds()}"));

        clock.Schedule(TimeSpan.FromMilliseconds(150), () => input.OnNext(StreamElement.Record("a:1000", 0)));
        clock.Schedule(TimeSpan.FromMilliseconds(900), () => input.OnNext(StreamElement.Record("a:3000", 0)));
        clock.Schedule(TimeSpan.FromMilliseconds(5300), () => input.OnNext(StreamElement.Record("a:100", 0)));
        clock.AdvanceBy(TimeSpan.FromSeconds(20).Ticks);

        // The first record, at 150 ms, aligns the natural windows; a:3000 at 900 ms stretches the session of a:1000:
        // natural == ["a[150,5150)=2 at 5149", "a[5150,10150)=1 at 10149"]
        // sessions == ["a[150,3900)=2 at 3899", "a[5300,5400)=1 at 5399"]
        // END README

        Assert.Equal(["a[150,5150)=2 at 5149", "a[5150,10150)=1 at 10149"], natural);
        Assert.Equal(["a[150,3900)=2 at 3899", "a[5300,5400)=1 at 5399"], sessions);
    }

    [Fact]
    public void IntervalJoinBounds()
    {
        // README: interval-join
        var orders = StreamDescription.Parse("o1@1000 o2@5000 Wmax");
        var payments = StreamDescription.Parse("p1@1000 p2@3000 p3@6000 Wmax");

        var counters = new IntervalJoinCounters();
        var paid = new List<string>();
        orders.ToObservable()
            .IntervalJoin(
                payments.ToObservable(), _ => "shop", _ => "shop",
                lower: TimeSpan.Zero, upper: TimeSpan.FromSeconds(2),
                join: (order, orderTime, payment, paymentTime) => $"{order}+{payment} after {paymentTime - orderTime} ms",
                lowerBoundExclusive: true, // a payment at the order's own time does not count
                counters: counters)
            .Values()
            .Subscribe(paid.Add);

        // paid == ["o1+p2 after 2000 ms", "o2+p3 after 1000 ms"] (p1 is at o1's own time: excluded)
        // counters: "buffered left 0, buffered right 0, late left 0, late right 0, joined 2"
        // END README

        Assert.Equal(["o1+p2 after 2000 ms", "o2+p3 after 1000 ms"], paid);
        Assert.Equal("buffered left 0, buffered right 0, late left 0, late right 0, joined 2", counters.ToString());
    }

    [Fact]
    public void ParallelKeyedWindows()
    {
        // README: parallel
        var readings = Observable.Range(0, 10_000)
            .Select(i => (Sensor: i % 10, Celsius: i % 37, Time: (long)i))
            .WithEventTime(r => r.Time, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(50)));

        var hottest = readings
            .PartitionByKey(r => r.Sensor, parallelism: 2)          // hash exchange: a sensor's readings go to one task
            .Apply(task => task
                .KeyBy(r => r.Sensor)
                .Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(1)))
                .Max(r => r.Celsius));                              // runs on 2 threads, one per task

        var results = hottest.Merge().Values().ToList().Wait();    // one stream again; watermark = min over tasks

        // results.Count == 100: 10 sensors × 10 one-second windows, the same as without parallelism
        Console.WriteLine(hottest.Graph().ToMermaid());
        // END README

        Assert.Equal(100, results.Count);
        Assert.All(results, r => Assert.Equal(36, r.Value));
        Assert.Equal(
            "flowchart LR\n" +
            "    n0[\"Rx.Select\"]\n" +
            "    n1[\"WithEventTime\"]\n" +
            "    n2[\"WindowMax ×2\"]\n" +
            "    n0 -- forward --> n1\n" +
            "    n1 -- hash --> n2\n",
            hottest.Graph().ToMermaid());
    }

    [Fact]
    public void MetricsOfAPipeline()
    {
        // README: metrics
        var clock = new TestScheduler();                             // or Scheduler.Default in production
        using var metrics = new StreamMetrics(clock);
        Sources.Generate(new GeneratorOptions { RatePerSecond = 1_000, Keys = 10, Count = 2_000 }, clock)
            .WithEventTime(e => e.Timestamp, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(20)))
            .WithLatencyMarkers(TimeSpan.FromMilliseconds(100), clock)
            .KeyBy(e => e.Key)
            .Count()
            .Measure("count", metrics)
            .Subscribe();

        clock.AdvanceBy(TimeSpan.FromSeconds(1).Ticks);
        var point = metrics.Snapshot().Operators.Single();

        // point: Records 1000, RecordsPerSecond 1000, WatermarkLag 20 ms, Latency.P99 0 ms (virtual time)
        // END README

        Assert.Equal("count", point.Name);
        Assert.Equal(1000, point.Records);
        Assert.Equal(1000, point.RecordsPerSecond);
        Assert.Equal(TimeSpan.FromMilliseconds(20), point.WatermarkLag);
        Assert.Equal(TimeSpan.Zero, point.Latency!.P99);
    }

    [Fact]
    public void WhyHasntMyWindowFired()
    {
        // README: window explainer
        var clock = new TestScheduler();
        var explainer = new WindowExplainer(clock);
        IObservable<StreamElement<Reading>> Sensor(string name, int seconds) =>
            clock.CreateHotObservable(Enumerable.Range(1, seconds)
                    .Select(s => ReactiveTest.OnNext(TimeSpan.FromSeconds(s).Ticks, new Reading(name, s * 1000L))).ToArray())
                .WithEventTime(r => r.Time, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromSeconds(1)))
                .Uid(name);

        var fired = new List<WindowResult<string, long>>();
        Sensor("a", 60).Union(Sensor("b", 5))                       // b stops after 5 s, without ending
            .KeyBy(r => r.Sensor)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(10)))
            .Count()
            .WithExplainer(explainer)
            .Values()
            .Subscribe(fired.Add);
        clock.AdvanceTo(TimeSpan.FromSeconds(60).Ticks);

        var why = explainer.Explain();

        // fired is empty; why.ToString() begins:
        // WindowCount #5: [0, 10000) waits for watermark 10000; the watermark is 4000.
        //   Held back by WithEventTime "b" via Union #4: silent, not marked idle.
        //   - WithEventTime "b" has sent nothing for 55 s (its newest record is at 5000) and is not marked idle.
        //   - Give WithEventTime "b"'s WatermarkStrategy .WithIdleness(timeout, clock): while it is silent, Union #4 follows
        //     its other inputs, and the watermark here would reach 59000, firing 5 of the 7 waiting windows. ...
        // END README

        Assert.Empty(fired);
        var hold = Assert.Single(why.Holds);
        Assert.Equal(HoldReason.Silent, hold.Reason);
        Assert.Equal(new TimeWindow(0, 10_000), hold.Window);
        Assert.Equal(59_000, hold.WatermarkIfIdle);
        Assert.StartsWith(
            "WindowCount #5: [0, 10000) waits for watermark 10000; the watermark is 4000.\n" +
            "  Held back by WithEventTime \"b\" via Union #4: silent, not marked idle.\n" +
            "  - WithEventTime \"b\" has sent nothing for 55 s (its newest record is at 5000) and is not marked idle.\n" +
            "  - Give WithEventTime \"b\"'s WatermarkStrategy .WithIdleness(timeout, clock): while it is silent, Union #4 follows its other inputs, " +
            "and the watermark here would reach 59000, firing 5 of the 7 waiting windows.",
            why.ToString().ReplaceLineEndings("\n"),
            StringComparison.Ordinal);
    }

    [Fact]
    public void KeyedProcessFunctionWithStateAndTimers()
    {
        // README: process-function-run
        var output = new List<string>();
        StreamDescription.Parse("a@1 a@5 b@7 W10 W16 b@17 Wmax").ToObservable()
            .KeyBy(word => word)
            .Process(() => new CountWithTimeout())
            .Subscribe(e => output.Add(e.ToString()));

        // output: W10  a:2@15  W16  b:2@27  Wmax
        // (a's timer at 15 fires when the watermark passes it; b's second record moved its timer from 17 to 27)
        // END README

        Assert.Equal(["W10", "a:2@15", "W16", "b:2@27", "Wmax"], output);
    }

    [Fact]
    public void ACheckpointedJobRestartsFromItsLastCheckpoint()
    {
        // README: stream-job
        var clicks = Enumerable.Range(0, 60).Select(i => (User: "u" + (i % 3), Time: i * 2L)).ToArray();
        var crashed = false;
        var scheduler = new TestScheduler();       // the job's scheduler; by default an EventLoopScheduler of its own
        var job = StreamJob.Create(
            () => ReplayableSource.FromList(clicks, "clicks", new SourceOptions { RecordsPerStep = 1, Pace = TimeSpan.FromMilliseconds(1) })
                .WithEventTime(c => c.Time, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(5)))
                .Where(c =>
                {
                    if (c.Time == 90 && !crashed)
                    {
                        crashed = true;
                        throw new InvalidOperationException("the machine caught fire"); // once
                    }

                    return true;
                })
                .KeyBy(c => c.User)
                .Count()
                .Uid("clicks-per-user"),
            new CheckpointOptions
            {
                Interval = TimeSpan.FromMilliseconds(10),
                Storage = new InMemoryCheckpointStorage(),  // or new DirectoryCheckpointStorage("checkpoints")
                RestartStrategy = RestartStrategy.FixedDelay(3, TimeSpan.FromMilliseconds(5)),
                Scheduler = scheduler,
                AsynchronousSnapshots = false,              // store on the job's thread: deterministic in a test
            });

        var output = new List<string>();
        using (job.Subscribe(e => { if (e.IsRecord) output.Add(e.ToString()); }))
        {
            scheduler.Start();
        }

        // job.Checkpoints.Restarts == 1, job.Checkpoints.RestoredFromId == 4 (taken after the 40th click)
        // output: u0=1@0 u1=1@2 ... u2=15@88 (the crash at 90) u1=14@80 ... u2=15@88 u0=16@90 ... u2=20@118:
        //         the 5 counts after checkpoint 4 come twice; output.Distinct() is the run without the crash
        // END README

        Assert.Equal(1, job.Checkpoints.Restarts);
        Assert.Equal(4, job.Checkpoints.RestoredFromId);
        var expected = clicks.Select((c, i) => $"{c.User}={(i / 3) + 1}@{c.Time}").ToList();
        Assert.Equal(expected, output.Distinct().ToList());
        Assert.Equal(expected.Count + 5, output.Count);
        Assert.Equal(expected.GetRange(40, 5), output.GetRange(45, 5));
    }

    [Fact]
    public void ChoosingAStateBackend()
    {
        // README: state-backend
        var root = Path.Combine(Path.GetTempPath(), "my-job");
        var options = new CheckpointOptions
        {
            Storage = new DirectoryCheckpointStorage(Path.Combine(root, "checkpoints")),
            // The RxStreams.RocksDb package; the default is HeapStateBackend.Instance.
            StateBackend = new RocksDbStateBackend(Path.Combine(root, "rocksdb")) { IncrementalCheckpoints = true },
        };
        // END README

        try
        {
            var words = new[] { "a", "b", "a", "c", "a", "b" };
            var scheduler = new TestScheduler();
            var job = StreamJob.Create(
                () => ReplayableSource.FromList(words, "words", new SourceOptions { RecordsPerStep = 1, Pace = TimeSpan.FromMilliseconds(1) })
                    .WithEventTime(_ => 0L, WatermarkStrategy.NoWatermarks())
                    .KeyBy(w => w)
                    .Process(() => new CountWithTimeout())
                    .Uid("counts"),
                options with { Scheduler = scheduler, Interval = TimeSpan.FromMilliseconds(2), AsynchronousSnapshots = false, ResumeFromLatest = false });
            var output = new List<string>();
            using (job.Subscribe(e => { if (e.IsRecord) output.Add(e.ToString()); }))
            {
                scheduler.Start();
            }

            Assert.Equal(["a:3@10", "b:2@10", "c:1@10"], output.Order(StringComparer.Ordinal));
            Assert.True(job.Checkpoints.Completed > 0);
            Assert.NotEmpty(((DirectoryCheckpointStorage)options.Storage).SharedFileKeys);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    // README: process-function
    /// <summary>Emits a key's count once the key had no record for 10 ms of event time (Flink's CountWithTimeoutFunction).</summary>
    private sealed class CountWithTimeout : KeyedProcessFunction<string, string, string>
    {
        private ValueState<long> _count = null!;
        private ValueState<long> _timer = null!;

        public override void Open(RuntimeContext context)
        {
            _count = context.GetState(new ValueStateDescriptor<long>("count")
            {
                Ttl = StateTtlConfig.OnEventTime(TimeSpan.FromHours(1)), // a key silent for an hour is freed
            });
            _timer = context.GetState(new ValueStateDescriptor<long>("timer"));
        }

        public override void ProcessElement(string value, KeyedProcessContext<string, string> context)
        {
            _count.Value++;
            if (_timer.TryGetValue(out var previous))
            {
                context.TimerService.DeleteEventTimeTimer(previous);
            }

            _timer.Value = context.Timestamp + 10;
            context.TimerService.RegisterEventTimeTimer(_timer.Value);
        }

        public override void OnTimer(long timestamp, KeyedProcessContext<string, string> context)
        {
            context.Collect($"{context.Key}:{_count.Value}"); // stamped with the timer's time
            _count.Clear();
            _timer.Clear();
        }
    }
    // END README

    [Fact]
    public void FileSinkExactlyOnce()
    {
        var dir = Path.Combine(Path.GetTempPath(), "readings-out");
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        // README: file-sink
        var readings = Enumerable.Range(0, 100).Select(i => (Sensor: "s" + (i % 3), Celsius: 20 + (i % 7), Time: i * 10L)).ToArray();
        var csv = FileFormats.Csv<(string Sensor, int Celsius, long Time)>(
            ["sensor", "celsius", "time"], (r, row) => row.Add(r.Sensor).Add(r.Celsius).Add(r.Time));
        var crashed = false;
        var scheduler = new TestScheduler();
        var job = StreamJob.Create(
            () => ReplayableSource.FromList(readings, "readings", new SourceOptions { RecordsPerStep = 1, Pace = TimeSpan.FromMilliseconds(1) })
                .WithEventTime(r => r.Time, WatermarkStrategy.ForMonotonousTimestamps())
                .Where(r =>
                {
                    if (r.Time == 570 && !crashed)
                    {
                        crashed = true;
                        throw new InvalidOperationException("the machine caught fire"); // once
                    }

                    return true;
                })
                .SinkTo(new FileSink<(string Sensor, int Celsius, long Time)>(dir, csv))
                .Uid("readings-csv"),
            new CheckpointOptions
            {
                Interval = TimeSpan.FromMilliseconds(10),
                Storage = new InMemoryCheckpointStorage(),
                RestartStrategy = RestartStrategy.FixedDelay(3, TimeSpan.FromMilliseconds(5)),
                Scheduler = scheduler,
                AsynchronousSnapshots = false,
            });

        using (job.Subscribe(_ => { }))
        {
            scheduler.Start();
        }

        // dir: part-0-0.csv, part-0-1.csv, ...: a part per completed checkpoint, and the 100 readings in them once
        //      each, in order. The records after the last checkpoint before the crash were in a hidden part
        //      (.part-0-N.csv.inprogress), deleted at the restart and written again.
        // END README

        var parts = Directory.GetFiles(dir).Select(Path.GetFileName).ToList();
        Assert.DoesNotContain(parts, p => p!.StartsWith('.'));
        var lines = parts.OrderBy(p => int.Parse(p!.Split('-', '.')[2], System.Globalization.CultureInfo.InvariantCulture))
            .SelectMany(p => File.ReadAllLines(Path.Combine(dir, p!)).Skip(1)).ToList();
        Assert.Equal(readings.Select(r => $"{r.Sensor},{r.Celsius},{r.Time}"), lines);
        Assert.Equal(1, job.Checkpoints.Restarts);
        Directory.Delete(dir, recursive: true);
    }
}
