using System.Reactive.Subjects;
using Microsoft.Reactive.Testing;
using RxStreams.Testing;
using static RxStreams.Tests.CoreTestSupport;

namespace RxStreams.Tests.Process;

public class KeyedProcessTest
{
    [Fact]
    public void ValueStateKeepsOneValuePerKey()
    {
        var output = Run("a@1 b@2 a@3 a@4 b@5", s => s.KeyBy(v => v).Process(() => new CountPerKey()));
        Assert.Equal("a:1@1 b:1@2 a:2@3 a:3@4 b:2@5", output);
    }

    [Fact]
    public void EventTimeTimersFireWhenTheWatermarkPassesThemBeforeTheWatermarkIsForwarded()
    {
        // Flink's CountWithTimeout: emit a key's count once it had no record for 10 ms of event time.
        var output = Run("a@1 a@5 b@7 W10 W15 W16 b@17 W18 Wmax", s => s.KeyBy(v => v).Process(() => new CountWithTimeout(10)));

        // a's last record is at 5, so its timer is at 15: the watermark 16 is the first to pass it (exclusive watermarks).
        // b's timer at 17 is replaced by one at 27 by its record at 17; the final watermark fires it.
        Assert.Equal("W10 W15 a:2@15 W16 W18 b:2@27 Wmax", output);
    }

    [Fact]
    public void ATimerFiresOncePerKeyAndTimeHoweverOftenItIsRegistered()
    {
        var output = Run("a@1 a@2 b@2 W20", s => s.KeyBy(v => v).Process(() => new TimerAt(10)));
        Assert.Equal("a@10 b@10 W20", output);
    }

    [Fact]
    public void ADeletedTimerDoesNotFireAndCanBeRegisteredAgain()
    {
        // "+" registers a timer at 10, "-" deletes it.
        var output = Run("a+@1 b+@1 b-@2 a-@3 a+@4 W20", s => s.KeyBy(v => v[..1]).Process(() => new RegisterOrDelete(10)));
        Assert.Equal("a@10 W20", output);
    }

    [Fact]
    public void TimersOfOneTimeFireInTheOrderRegisteredAndTimesInOrder()
    {
        var output = Run("c@1 a@2 b@3 W5 W12", s => s.KeyBy(v => v).Process(() => new TimerAt(10)));
        Assert.Equal("W5 c@10 a@10 b@10 W12", output);
    }

    [Fact]
    public void ATimerRegisteredInOnTimerBehindTheWatermarkFiresInTheSameAdvance()
    {
        var output = Run("a@1 W100", s => s.KeyBy(v => v).Process(() => new ChainedTimers()));
        Assert.Equal("a#1@10 a#2@20 a#3@30 W100", output);
    }

    [Fact]
    public void TheEndOfABoundedInputFiresEveryEventTimeTimer()
    {
        var output = Run("a@1 b@50", s => s.KeyBy(v => v).Process(() => new TimerAt(1000)), complete: true);
        Assert.Equal("a@1000 b@1000 Wmax |", output);
    }

    [Fact]
    public void TheContextShowsKeyTimestampWatermarkAndTimerDomain()
    {
        var output = Run("a@3 W5 b@4 W11", s => s.KeyBy(v => v).Process(() => new Describing()));
        Assert.Equal(
            "rec a ts=3 wm=-9223372036854775808@3 W5 rec b ts=4 wm=5@4 timer a EventTime ts=10 wm=11@10 timer b EventTime ts=10 wm=11@10 W11",
            output);
    }

    [Fact]
    public void ProcessingTimeTimersFireOnTheSchedulerAndAreStampedWithTheWatermark()
    {
        var scheduler = NewScheduler();
        var input = new Subject<StreamElement<string>>();
        var output = new Collector<StreamElement<string>>();
        using var _ = input.KeyBy(v => v).Process(() => new ProcessingTimeoutCount(100), scheduler).Subscribe(output);

        Push(input, "a@1");
        scheduler.AdvanceBy(Ms(50));
        Push(input, "a@2 W3 b@4");
        scheduler.AdvanceBy(Ms(49));
        Assert.Equal("W3", output.Describe());
        scheduler.AdvanceBy(Ms(1)); // now 100: a's timer fires
        Assert.Equal("W3 a:2@3", output.Describe());
        scheduler.AdvanceBy(Ms(49));
        Push(input, "b@5");
        Assert.Equal("W3 a:2@3", output.Describe());
        scheduler.AdvanceBy(Ms(1)); // now 150: b's timer fires
        Assert.Equal("W3 a:2@3 b:2@3", output.Describe());
        scheduler.AdvanceBy(Ms(1000));
        Assert.Equal("W3 a:2@3 b:2@3", output.Describe());
    }

    [Fact]
    public void ADeletedProcessingTimeTimerDoesNotFire()
    {
        var scheduler = NewScheduler();
        var input = new Subject<StreamElement<string>>();
        var output = new Collector<StreamElement<string>>();
        using var _ = input.KeyBy(v => v[..1]).Process(() => new RegisterOrDelete(10, TimeDomain.ProcessingTime), scheduler).Subscribe(output);

        Push(input, "a+@1 b+@1 W2");
        Push(input, "a-@3");
        scheduler.AdvanceBy(Ms(20));
        Assert.Equal("W2 b@2", output.Describe());
    }

    [Fact]
    public void AProcessingTimeTimerWithoutASchedulerFailsNamingTheOperator()
    {
        var output = new Collector<StreamElement<string>>();
        var input = new Subject<StreamElement<string>>();
        input.KeyBy(v => v).Process(() => new ProcessingTimeoutCount(100)).Subscribe(output);
        Push(input, "a@1");
        var error = Assert.IsType<StreamOperatorException>(output.Error);
        Assert.Equal("Process", error.Operator);
        Assert.Contains("pass a scheduler to Process(...)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AThrowingFunctionFailsTheStreamWithTheRecord()
    {
        var output = new Collector<StreamElement<string>>();
        var input = new Subject<StreamElement<string>>();
        input.KeyBy(v => v).Process(() => new ThrowOn("bad")).Subscribe(output);
        Push(input, "a@1 bad@2 c@3");
        Assert.Equal("a@1 X", output.Describe());
        var error = Assert.IsType<StreamOperatorException>(output.Error);
        Assert.Equal("Process", error.Operator);
        Assert.Equal("bad", error.Record);
        Assert.Equal(2L, error.Timestamp);
        Assert.False(input.HasObservers);
    }

    [Fact]
    public void WithDeadLettersAFailingRecordOrTimerIsReportedAndTheStreamGoesOn()
    {
        var dead = new DeadLetters();
        var letters = new List<DeadLetter>();
        using var __ = dead.Subscribe(letters.Add);
        var output = Run("a@1 bad@2 c@3 W20", s => s.KeyBy(v => v, deadLetters: dead).Process(() => new ThrowOn("bad")));
        Assert.Equal("a@1 c@3 a@10 c@10 W20", output);
        Assert.Equal(2, letters.Count);
        Assert.Equal(("Process", (object?)"bad", (long?)2L), (letters[0].Operator, letters[0].Record, letters[0].Timestamp));
        Assert.Equal(new FiredTimer<string>("bad", 10, TimeDomain.EventTime), letters[1].Record);
        Assert.Equal(10L, letters[1].Timestamp);
        Assert.Equal("event-time timer 10 of key bad", letters[1].Record!.ToString());
    }

    [Fact]
    public void EachSubscriptionHasItsOwnFunctionAndState()
    {
        var input = new Subject<StreamElement<string>>();
        var counted = input.KeyBy(v => v).Process(() => new CountPerKey());
        var first = new Collector<StreamElement<string>>();
        var second = new Collector<StreamElement<string>>();
        using var a = counted.Subscribe(first);
        Push(input, "a@1 a@2");
        using var b = counted.Subscribe(second);
        Push(input, "a@3");
        Assert.Equal("a:1@1 a:2@2 a:3@3", first.Describe());
        Assert.Equal("a:1@3", second.Describe());
    }

    [Fact]
    public void DeclaringOneStateNameTwiceFailsAtSubscription()
    {
        var input = new Subject<StreamElement<string>>();
        var error = Assert.Throws<StreamOperatorException>(() => input.KeyBy(v => v).Process(() => new DeclaresTwice()).Subscribe(new Collector<StreamElement<string>>()));
        Assert.Equal(
            "Process failed: Opening 'Process' failed: Operator 'Process' declares state 'x' twice: as value state of Int64 and as list state. State names must be unique within an operator.",
            error.Message);
    }

    [Fact]
    public void ControlElementsPassThrough() =>
        Assert.Equal("Idle Active B7 a:1@1", Run("Idle Active B7 a@1", s => s.KeyBy(v => v).Process(() => new CountPerKey())));

    internal static TestScheduler NewScheduler()
    {
        var scheduler = new TestScheduler();
        scheduler.AdvanceTo(DateTimeOffset.UnixEpoch.UtcTicks);
        return scheduler;
    }

    internal static long Ms(long milliseconds) => milliseconds * TimeSpan.TicksPerMillisecond;

    internal static void Push(Subject<StreamElement<string>> input, string elements)
    {
        foreach (var element in StreamDescription.Parse(elements))
        {
            input.OnNext(element);
        }
    }

    private sealed class CountPerKey : KeyedProcessFunction<string, string, string>
    {
        private ValueState<long> _count = null!;

        public override void Open(RuntimeContext context) => _count = context.GetState(new ValueStateDescriptor<long>("count"));

        public override void ProcessElement(string value, KeyedProcessContext<string, string> context)
        {
            _count.Value++;
            context.Collect($"{context.Key}:{_count.Value}");
        }
    }

    private sealed class CountWithTimeout(long timeout) : KeyedProcessFunction<string, string, string>
    {
        private ValueState<long> _count = null!;
        private ValueState<long> _lastTimer = null!;

        public override void Open(RuntimeContext context)
        {
            _count = context.GetState(new ValueStateDescriptor<long>("count"));
            _lastTimer = context.GetState(new ValueStateDescriptor<long>("timer"));
        }

        public override void ProcessElement(string value, KeyedProcessContext<string, string> context)
        {
            _count.Value++;
            if (_lastTimer.TryGetValue(out var previous))
            {
                context.TimerService.DeleteEventTimeTimer(previous);
            }

            _lastTimer.Value = context.Timestamp + timeout;
            context.TimerService.RegisterEventTimeTimer(context.Timestamp + timeout);
        }

        public override void OnTimer(long timestamp, KeyedProcessContext<string, string> context)
        {
            context.Collect($"{context.Key}:{_count.Value}");
            _count.Clear();
            _lastTimer.Clear();
        }
    }

    private sealed class TimerAt(long time) : KeyedProcessFunction<string, string, string>
    {
        public override void ProcessElement(string value, KeyedProcessContext<string, string> context) =>
            context.TimerService.RegisterEventTimeTimer(time);

        public override void OnTimer(long timestamp, KeyedProcessContext<string, string> context) => context.Collect(context.Key);
    }

    private sealed class RegisterOrDelete(long time, TimeDomain domain = TimeDomain.EventTime) : KeyedProcessFunction<string, string, string>
    {
        public override void ProcessElement(string value, KeyedProcessContext<string, string> context)
        {
            var timers = context.TimerService;
            switch (value[1], domain)
            {
                case ('+', TimeDomain.EventTime): timers.RegisterEventTimeTimer(time); break;
                case ('-', TimeDomain.EventTime): timers.DeleteEventTimeTimer(time); break;
                case ('+', _): timers.RegisterProcessingTimeTimer(time); break;
                default: timers.DeleteProcessingTimeTimer(time); break;
            }
        }

        public override void OnTimer(long timestamp, KeyedProcessContext<string, string> context) => context.Collect(context.Key);
    }

    private sealed class ChainedTimers : KeyedProcessFunction<string, string, string>
    {
        private ValueState<int> _fired = null!;

        public override void Open(RuntimeContext context) => _fired = context.GetState(new ValueStateDescriptor<int>("fired"));

        public override void ProcessElement(string value, KeyedProcessContext<string, string> context) =>
            context.TimerService.RegisterEventTimeTimer(10);

        public override void OnTimer(long timestamp, KeyedProcessContext<string, string> context)
        {
            _fired.Value++;
            context.Collect($"{context.Key}#{_fired.Value}");
            if (_fired.Value < 3)
            {
                context.TimerService.RegisterEventTimeTimer(timestamp + 10);
            }
        }
    }

    private sealed class Describing : KeyedProcessFunction<string, string, string>
    {
        public override void ProcessElement(string value, KeyedProcessContext<string, string> context)
        {
            Assert.Null(context.TimerDomain);
            context.Collect($"rec {context.Key} ts={context.Timestamp} wm={context.CurrentWatermark}");
            context.TimerService.RegisterEventTimeTimer(10);
        }

        public override void OnTimer(long timestamp, KeyedProcessContext<string, string> context) =>
            context.Collect($"timer {context.Key} {context.TimerDomain} ts={context.Timestamp} wm={context.TimerService.CurrentWatermark}");
    }

    private sealed class ProcessingTimeoutCount(long timeout) : KeyedProcessFunction<string, string, string>
    {
        private ValueState<long> _count = null!;
        private ValueState<long> _timer = null!;

        public override void Open(RuntimeContext context)
        {
            _count = context.GetState(new ValueStateDescriptor<long>("count"));
            _timer = context.GetState(new ValueStateDescriptor<long>("timer"));
        }

        public override void ProcessElement(string value, KeyedProcessContext<string, string> context)
        {
            _count.Value++;
            if (!_timer.TryGetValue(out _))
            {
                _timer.Value = context.CurrentProcessingTime + timeout;
                context.TimerService.RegisterProcessingTimeTimer(_timer.Value);
            }
        }

        public override void OnTimer(long timestamp, KeyedProcessContext<string, string> context)
        {
            Assert.Equal(TimeDomain.ProcessingTime, context.TimerDomain);
            Assert.Equal(timestamp, context.CurrentProcessingTime);
            context.Collect($"{context.Key}:{_count.Value}");
        }
    }

    private sealed class ThrowOn(string bad) : KeyedProcessFunction<string, string, string>
    {
        public override void ProcessElement(string value, KeyedProcessContext<string, string> context)
        {
            context.TimerService.RegisterEventTimeTimer(10);
            if (value == bad)
            {
                throw new InvalidOperationException("bad record");
            }

            context.Collect(value);
        }

        public override void OnTimer(long timestamp, KeyedProcessContext<string, string> context)
        {
            if (context.Key == bad)
            {
                throw new InvalidOperationException("bad timer");
            }

            context.Collect(context.Key);
        }
    }

    private sealed class DeclaresTwice : KeyedProcessFunction<string, string, string>
    {
        public override void Open(RuntimeContext context)
        {
            context.GetState(new ValueStateDescriptor<long>("x"));
            context.GetListState(new ListStateDescriptor<long>("x"));
        }

        public override void ProcessElement(string value, KeyedProcessContext<string, string> context)
        {
        }
    }
}
