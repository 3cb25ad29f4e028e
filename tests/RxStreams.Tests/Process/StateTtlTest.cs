using System.Reactive.Subjects;
using RxStreams.State;
using static RxStreams.Tests.Process.KeyedProcessTest;

namespace RxStreams.Tests.Process;

public class StateTtlTest
{
    [Fact]
    public void ProcessingTimeTtlExpiresStateNotWrittenForTheTimeToLive()
    {
        var scheduler = NewScheduler();
        var input = new Subject<StreamElement<string>>();
        var output = new Collector<StreamElement<string>>();
        var ttl = StateTtlConfig.OnProcessingTime(TimeSpan.FromMilliseconds(10));
        using var _ = input.KeyBy(v => v).Process(() => new Counting(ttl), scheduler).Subscribe(output);

        Push(input, "a@1");                // t=0: written, expires at 10
        scheduler.AdvanceBy(Ms(9));
        Push(input, "a@2");                // t=9: still there, written again: expires at 19
        scheduler.AdvanceBy(Ms(10));
        Push(input, "a@3");                // t=19: expired, starts again
        Assert.Equal("a:1@1 a:2@2 a:1@3", output.Describe());
    }

    [Fact]
    public void OnReadAndWriteRestartsTheTimeToLiveOnReads()
    {
        var scheduler = NewScheduler();
        var input = new Subject<StreamElement<string>>();
        var output = new Collector<StreamElement<string>>();
        var ttl = StateTtlConfig.OnProcessingTime(TimeSpan.FromMilliseconds(10));
        var readAndWrite = ttl with { UpdateType = StateTtlUpdate.OnReadAndWrite };
        using var __ = input.KeyBy(v => v[..1]).Process(() => new ReadOrWrite(ttl), scheduler).Subscribe(output);
        using var ___ = input.KeyBy(v => v[..1]).Process(() => new ReadOrWrite(readAndWrite), scheduler).Subscribe(output);

        Push(input, "aw@1");              // t=0 write
        scheduler.AdvanceBy(Ms(8));
        Push(input, "ar@2");              // t=8 read: both see it; only OnReadAndWrite restarts (to 18)
        scheduler.AdvanceBy(Ms(4));
        Push(input, "ar@3");              // t=12: the write-only state expired at 10
        Assert.Equal("seen@2 seen@2 none@3 seen@3", output.Describe());
    }

    [Fact]
    public void ReturnExpiredIfNotCleanedUpReturnsTheExpiredValueOnceBeforeItIsFreed()
    {
        foreach (var visibility in new[] { StateVisibility.NeverReturnExpired, StateVisibility.ReturnExpiredIfNotCleanedUp })
        {
            using var backend = RxStreams.Tests.State.TestStateBackends.Create<string>(StringComparer.Ordinal);
            var ttl = StateTtlConfig.OnEventTime(TimeSpan.FromMilliseconds(10)) with { Visibility = visibility };
            var state = backend.GetState(new ValueStateDescriptor<int>("v") { Ttl = ttl });
            backend.CurrentKey = "a";
            backend.CurrentEventTime = 0;
            state.Update(7);
            backend.CurrentEventTime = 10;
            var seen = state.TryGetValue(out var value);
            Assert.Equal((visibility == StateVisibility.ReturnExpiredIfNotCleanedUp, visibility == StateVisibility.ReturnExpiredIfNotCleanedUp ? 7 : 0), (seen, value));
            Assert.False(state.TryGetValue(out _));
            Assert.Equal(0, Assert.Single(backend.Tables).Count);
        }
    }

    [Fact]
    public void EventTimeTtlCountsFromTheRecordTimestampAndExpiresWithTheWatermark()
    {
        var input = new Subject<StreamElement<string>>();
        var output = new Collector<StreamElement<string>>();
        var ttl = StateTtlConfig.OnEventTime(TimeSpan.FromMilliseconds(10));
        using var _ = input.KeyBy(v => v).Process(() => new Counting(ttl)).Subscribe(output);

        // Written at 100, it lives through 109; the watermark 110 (event time has passed 109) expires it.
        Push(input, "a@100 a@109 W110 a@105 a@111 W125 a@130");
        Assert.Equal("a:1@100 a:2@109 W110 a:3@105 a:4@111 W125 a:1@130", output.Describe());
    }

    [Fact]
    public void ExpiredKeysAreFreedWithoutEverBeingReadAgain()
    {
        using var backend = RxStreams.Tests.State.TestStateBackends.Create<int>(EqualityComparer<int>.Default);
        var state = backend.GetState(new ValueStateDescriptor<long>("v") { Ttl = StateTtlConfig.OnEventTime(TimeSpan.FromMilliseconds(100)) });
        var table = Assert.Single(backend.Tables);
        for (var key = 0; key < 100_000; key++)
        {
            backend.CurrentKey = key;
            backend.CurrentEventTime = key / 1000;
            state.Update(key);
        }

        Assert.Equal(100_000, table.Count);
        Assert.Equal(0, backend.CleanUp(TimeDomain.EventTime, 99));
        Assert.Equal(1000, backend.CleanUp(TimeDomain.EventTime, 100));   // written at 0, expired at 100
        Assert.Equal(99_000, table.Count);
        Assert.Equal(99_000, backend.CleanUp(TimeDomain.EventTime, 1000));
        Assert.Equal(0, table.Count);
    }

    [Fact]
    public void AKeyRewrittenBeforeItsExpiryIsKeptAndItsQueueStaysOneEntryPerKey()
    {
        using var backend = RxStreams.Tests.State.TestStateBackends.Create<string>(StringComparer.Ordinal);
        var state = backend.GetState(new ValueStateDescriptor<long>("v") { Ttl = StateTtlConfig.OnEventTime(TimeSpan.FromMilliseconds(10)) });
        backend.CurrentKey = "a";
        for (var t = 0; t < 1000; t++)
        {
            backend.CurrentEventTime = t;
            state.Update(t);
            Assert.Equal(0, backend.CleanUp(TimeDomain.EventTime, t));
        }

        Assert.True(state.TryGetValue(out var last));
        Assert.Equal(999, last);
        Assert.Equal(1, backend.CleanUp(TimeDomain.EventTime, 1009));
        backend.CurrentEventTime = 1009;
        Assert.False(state.TryGetValue(out _));
    }

    [Fact]
    public void AClearedAndRecreatedKeyExpiresByItsNewWrite()
    {
        using var backend = RxStreams.Tests.State.TestStateBackends.Create<string>(StringComparer.Ordinal);
        var state = backend.GetListState(new ListStateDescriptor<int>("l") { Ttl = StateTtlConfig.OnEventTime(TimeSpan.FromMilliseconds(10)) });
        backend.CurrentKey = "a";
        backend.CurrentEventTime = 0;
        state.Add(1);
        state.Clear();
        backend.CurrentEventTime = 5;
        state.Add(2);
        Assert.Equal(0, backend.CleanUp(TimeDomain.EventTime, 10));   // the entry queued at 0 belonged to the cleared list
        Assert.Equal([2], state.Values);
        Assert.Equal(1, backend.CleanUp(TimeDomain.EventTime, 15));
        Assert.Empty(state.Values);
    }

    [Fact]
    public void AProcessingTimeTtlWithoutASchedulerFailsAtSubscription()
    {
        var input = new Subject<StreamElement<string>>();
        var ttl = StateTtlConfig.OnProcessingTime(TimeSpan.FromSeconds(1));
        var error = Assert.Throws<StreamOperatorException>(() => input.KeyBy(v => v).Process(() => new Counting(ttl)).Subscribe(new Collector<StreamElement<string>>()));
        Assert.Equal(
            "Process failed: Opening 'Process' failed: State 'count' of operator 'Process' has a processing-time time to live, which needs a clock: pass a scheduler to Process(...).",
            error.Message);
    }

    [Fact]
    public void ATimeToLiveUnderOneMillisecondIsRefused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => StateTtlConfig.OnEventTime(TimeSpan.FromTicks(9_999)));
        Assert.Equal("TimeToLive", error.ParamName);
    }

    private sealed class Counting(StateTtlConfig ttl) : KeyedProcessFunction<string, string, string>
    {
        private ValueState<long> _count = null!;

        public override void Open(RuntimeContext context) => _count = context.GetState(new ValueStateDescriptor<long>("count") { Ttl = ttl });

        public override void ProcessElement(string value, KeyedProcessContext<string, string> context)
        {
            _count.Value++;
            context.Collect($"{context.Key}:{_count.Value}");
        }
    }

    private sealed class ReadOrWrite(StateTtlConfig ttl) : KeyedProcessFunction<string, string, string>
    {
        private ValueState<int> _value = null!;

        public override void Open(RuntimeContext context) => _value = context.GetState(new ValueStateDescriptor<int>("v") { Ttl = ttl });

        public override void ProcessElement(string value, KeyedProcessContext<string, string> context)
        {
            if (value[1] == 'w')
            {
                _value.Update(1);
            }
            else
            {
                context.Collect(_value.TryGetValue(out _) ? "seen" : "none");
            }
        }
    }
}
