using System.Reactive.Linq;
using System.Reactive.Subjects;
using Microsoft.Reactive.Testing;

namespace RxStreams.Tests.Time;

public class WatermarkStrategyTest
{
    /// <summary>A generator scripted by its records: "w5" emits W5, "idle" marks idle, "active" marks active.</summary>
    private sealed class ScriptedGenerator : IWatermarkGenerator<string>
    {
        public List<string> Calls { get; } = new();

        public void OnEvent(string value, long timestamp, IWatermarkOutput output)
        {
            Calls.Add($"event {value}@{timestamp}");
            switch (value)
            {
                case "idle":
                    output.MarkIdle();
                    break;
                case "active":
                    output.MarkActive();
                    break;
                case var i when i.StartsWith('i') && i.Length > 1 && char.IsDigit(i[1]):
                    output.MarkIdle();
                    output.EmitWatermark(long.Parse(i[1..], System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case var w when w.StartsWith('w'):
                    output.EmitWatermark(long.Parse(w[1..], System.Globalization.CultureInfo.InvariantCulture));
                    break;
            }
        }

        public void OnPeriodicEmit(IWatermarkOutput output) => Calls.Add("periodic");
    }

    private static string Run(WatermarkStrategy strategy, params string[] values)
    {
        var output = new Collector<StreamElement<string>>();
        values.ToObservable().WithEventTime(v => 1L, strategy).Subscribe(output);
        return output.Describe();
    }

    [Fact]
    public void MonotonousWatermarkIsTheHighestTimestamp()
    {
        var output = new Collector<StreamElement<long>>();
        new long[] { 1, 3, 3, 2, 7 }.ToObservable().WithEventTime(t => t, WatermarkStrategy.ForMonotonousTimestamps()).Subscribe(output);
        Assert.Equal("1@1 W1 3@3 W3 3@3 2@2 7@7 W7 Wmax |", output.Describe());
    }

    [Fact]
    public void NoWatermarksEmitsOnlyWmaxAtTheEnd()
    {
        var output = new Collector<StreamElement<long>>();
        new long[] { 5, 1, 9 }.ToObservable().WithEventTime(t => t, WatermarkStrategy.NoWatermarks()).Subscribe(output);
        Assert.Equal("5@5 1@1 9@9 Wmax |", output.Describe());
    }

    [Fact]
    public void CustomGeneratorIsAskedAfterEveryRecordWithoutPeriodicEmit()
    {
        var generators = new List<ScriptedGenerator>();
        var strategy = WatermarkStrategy.ForGenerator<string>(() =>
        {
            var g = new ScriptedGenerator();
            generators.Add(g);
            return g;
        });
        Assert.Empty(generators);
        Assert.Equal("a@1 w3@1 W3 w2@1 w4@1 W4 Wmax |", Run(strategy, "a", "w3", "w2", "w4"));
        var generator = Assert.Single(generators);
        Assert.Equal(
            new[] { "event a@1", "periodic", "event w3@1", "periodic", "event w2@1", "periodic", "event w4@1", "periodic" },
            generator.Calls);
    }

    [Fact]
    public void CustomGeneratorIsCreatedPerSubscription()
    {
        var created = 0;
        var stream = new[] { "w1" }.ToObservable().WithEventTime(_ => 0L, WatermarkStrategy.ForGenerator<string>(() =>
        {
            created++;
            return new ScriptedGenerator();
        }));
        stream.Subscribe(_ => { });
        stream.Subscribe(_ => { });
        Assert.Equal(2, created);
    }

    [Fact]
    public void GeneratorCanMarkIdleAndAWatermarkOrRecordMarksActiveAgain()
    {
        var strategy = WatermarkStrategy.ForGenerator<string>(() => new ScriptedGenerator());
        Assert.Equal("idle@1 Idle Active idle@1 Idle Active active@1 idle@1 Idle Active w5@1 W5 idle@1 Idle Active x@1 Wmax |",
            Run(strategy, "idle", "idle", "active", "idle", "w5", "idle", "x"));
    }

    [Fact]
    public void AWatermarkEmittedWhileIdleMarksActiveFirst()
    {
        var strategy = WatermarkStrategy.ForGenerator<string>(() => new ScriptedGenerator());
        Assert.Equal("i5@1 Idle Active W5 i3@1 Idle Active active@1 Wmax |", Run(strategy, "i5", "i3", "active"));
    }

    [Fact]
    public void IdleAtCompletionTurnsActiveBeforeWmax()
    {
        var strategy = WatermarkStrategy.ForGenerator<string>(() => new ScriptedGenerator());
        Assert.Equal("idle@1 Idle Active Wmax |", Run(strategy, "idle"));
    }

    [Fact]
    public void WithMethodsReturnNewStrategiesAndKeepTheOldOnes()
    {
        var scheduler = new TestScheduler();
        var other = new TestScheduler();
        var basic = WatermarkStrategy.ForMonotonousTimestamps();
        var periodic = basic.WithPeriodicEmit(TimeSpan.FromSeconds(1), scheduler);
        var both = periodic.WithIdleness(TimeSpan.FromSeconds(5), other);
        Assert.Equal((null, null, null, null), (basic.PeriodicInterval, basic.PeriodicScheduler, basic.IdleTimeout, basic.IdleScheduler));
        Assert.Equal((TimeSpan.FromSeconds(1), scheduler, (TimeSpan?)null, (System.Reactive.Concurrency.IScheduler?)null),
            (periodic.PeriodicInterval, periodic.PeriodicScheduler, periodic.IdleTimeout, periodic.IdleScheduler));
        Assert.Equal((TimeSpan.FromSeconds(1), scheduler, TimeSpan.FromSeconds(5), other),
            (both.PeriodicInterval, both.PeriodicScheduler, both.IdleTimeout, both.IdleScheduler));
        var idleFirst = basic.WithIdleness(TimeSpan.FromSeconds(5), other).WithPeriodicEmit(TimeSpan.FromSeconds(2), scheduler);
        Assert.Equal((TimeSpan.FromSeconds(2), scheduler, TimeSpan.FromSeconds(5), other),
            (idleFirst.PeriodicInterval, idleFirst.PeriodicScheduler, idleFirst.IdleTimeout, idleFirst.IdleScheduler));
    }

    [Fact]
    public void WithMethodsKeepTheRecordTypeCheck()
    {
        var strategy = WatermarkStrategy.ForPunctuated<string>((_, t) => t).WithIdleness(TimeSpan.FromSeconds(1), new TestScheduler());
        Assert.Throws<ArgumentException>(() => Observable.Empty<int>().WithEventTime(v => (long)v, strategy));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    public void PeriodicIntervalMustBePositive(long ticks)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            WatermarkStrategy.NoWatermarks().WithPeriodicEmit(TimeSpan.FromTicks(ticks), new TestScheduler()));
        Assert.Equal("interval", ex.ParamName);
        Assert.StartsWith("The periodic interval must be positive.", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    public void IdleTimeoutMustBePositive(long ticks)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            WatermarkStrategy.NoWatermarks().WithIdleness(TimeSpan.FromTicks(ticks), new TestScheduler()));
        Assert.Equal("timeout", ex.ParamName);
        Assert.StartsWith("The idle timeout must be positive.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SchedulersAndFactoriesAreRequired()
    {
        Assert.Equal("scheduler", Assert.Throws<ArgumentNullException>(() => WatermarkStrategy.NoWatermarks().WithPeriodicEmit(TimeSpan.FromSeconds(1), null!)).ParamName);
        Assert.Equal("scheduler", Assert.Throws<ArgumentNullException>(() => WatermarkStrategy.NoWatermarks().WithIdleness(TimeSpan.FromSeconds(1), null!)).ParamName);
        Assert.Equal("createGenerator", Assert.Throws<ArgumentNullException>(() => WatermarkStrategy.ForGenerator<int>(null!)).ParamName);
    }

    [Fact]
    public void FailingGeneratorFailsTheStreamNamingWithEventTime()
    {
        var subject = new Subject<string>();
        var output = new Collector<StreamElement<string>>();
        subject.WithEventTime(_ => 4L, WatermarkStrategy.ForGenerator<string>(() => new ThrowingGenerator())).Subscribe(output);
        subject.OnNext("a");
        Assert.Equal("a@4 X", output.Describe());
        var error = Assert.IsType<StreamOperatorException>(output.Error);
        Assert.Equal("WithEventTime", error.Operator);
        Assert.Equal("WithEventTime failed on record 'a' at timestamp 4: generator broke", error.Message);
        Assert.False(subject.HasObservers);
    }

    private sealed class ThrowingGenerator : IWatermarkGenerator<string>
    {
        public void OnEvent(string value, long timestamp, IWatermarkOutput output) => throw new InvalidOperationException("generator broke");

        public void OnPeriodicEmit(IWatermarkOutput output)
        {
        }
    }
}
