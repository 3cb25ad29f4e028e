using System.Reactive;
using Microsoft.Reactive.Testing;
using RxStreams;

namespace RxStreams.Tests.Exchange;

/// <summary>Sources.Generate: an exact rate on a processing-time scheduler, uniform or Zipf-skewed keys, repeatable by seed.</summary>
public class GeneratorTest
{
    private static readonly long Ms = TimeSpan.TicksPerMillisecond;

    private static List<Recorded<Notification<GeneratedEvent>>> Run(GeneratorOptions options, TimeSpan until)
    {
        var scheduler = new TestScheduler();
        var observer = scheduler.CreateObserver<GeneratedEvent>();
        using var subscription = Sources.Generate(options, scheduler).Subscribe(observer);
        scheduler.AdvanceTo(until.Ticks);
        return observer.Messages.ToList();
    }

    [Fact]
    public void AtOneThousandPerSecondEveryMillisecondTickEmitsExactlyOneRecord()
    {
        var messages = Run(new GeneratorOptions { RatePerSecond = 1000, TickInterval = TimeSpan.FromMilliseconds(1) }, TimeSpan.FromSeconds(5));

        Assert.Equal(5_000, messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            Assert.Equal((i + 1) * Ms, messages[i].Time);
            Assert.Equal(i, messages[i].Value.Value.Sequence);
        }
    }

    [Fact]
    public void ARateThatDoesNotDivideTheTickEmitsWhatIsDueByEachTick()
    {
        // 1,500/s with 1 ms ticks: 1.5 records due per tick, so ticks alternate 1, 2, 1, 2, …, exactly 1,500 per second.
        var messages = Run(new GeneratorOptions { RatePerSecond = 1500, TickInterval = TimeSpan.FromMilliseconds(1) }, TimeSpan.FromSeconds(2));

        var perTick = messages.GroupBy(m => m.Time).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(3_000, messages.Count);
        for (long tick = 1; tick <= 2_000; tick++)
        {
            Assert.Equal(tick % 2 == 1 ? 1 : 2, perTick[tick * Ms]);
        }

        // The timestamp is the emission time in Unix milliseconds of the scheduler's clock.
        var epochMs = new DateTimeOffset(0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        Assert.All(messages, m => Assert.Equal(epochMs + (m.Time / Ms), m.Value.Value.Timestamp));
    }

    [Fact]
    public void TenRecordsPerTenMillisecondTickAtOneThousandPerSecond()
    {
        var messages = Run(new GeneratorOptions { RatePerSecond = 1000, TickInterval = TimeSpan.FromMilliseconds(10), Count = 95 }, TimeSpan.FromSeconds(1));

        var ticks = messages.Where(m => m.Value.Kind == NotificationKind.OnNext).GroupBy(m => m.Time).Select(g => (g.Key / Ms, g.Count())).ToList();
        Assert.Equal(Enumerable.Range(1, 9).Select(t => (t * 10L, 10)).Append((100L, 5)), ticks);

        // Completes at the tick that reaches the count.
        Assert.Equal(NotificationKind.OnCompleted, messages[^1].Value.Kind);
        Assert.Equal(100 * Ms, messages[^1].Time);
    }

    [Fact]
    public void WithoutARateItEmitsTheCountAtOnceOneMillisecondApart()
    {
        var messages = Run(new GeneratorOptions { RatePerSecond = null, Count = 5, Keys = 3 }, TimeSpan.FromSeconds(1));

        Assert.Equal(6, messages.Count);
        Assert.All(messages, m => Assert.Equal(1, m.Time));
        var start = messages[0].Value.Value.Timestamp;
        Assert.Equal([start, start + 1, start + 2, start + 3, start + 4], messages.Take(5).Select(m => m.Value.Value.Timestamp));
        Assert.Equal(NotificationKind.OnCompleted, messages[^1].Value.Kind);
    }

    private static int[] KeyCounts(GeneratorOptions options)
    {
        var counts = new int[options.Keys];
        foreach (var m in Run(options with { RatePerSecond = null }, TimeSpan.FromSeconds(1)).Where(m => m.Value.Kind == NotificationKind.OnNext))
        {
            counts[m.Value.Value.Key]++;
        }

        return counts;
    }

    [Fact]
    public void UniformKeysAreSpreadEvenly()
    {
        var counts = KeyCounts(new GeneratorOptions { Keys = 10, Count = 100_000, Seed = 1 });

        Assert.Equal(100_000, counts.Sum());

        // Stated tolerance: 10,000 ± 5 % per key (σ ≈ 95, so ± 500 is > 5 σ).
        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
    }

    [Fact]
    public void ZipfSkewMakesKeyZeroTheMostFrequent()
    {
        var counts = KeyCounts(new GeneratorOptions { Keys = 10, Count = 100_000, Skew = 1.0, Seed = 1 });

        Assert.Equal(100_000, counts.Sum());
        Assert.Equal(0, Array.IndexOf(counts, counts.Max()));

        // Zipf(1) over 10 keys: key k has probability (1/(k+1)) / H10, H10 = 2.929; key 0 gets 34.1 %, key 9 3.4 %.
        var h10 = Enumerable.Range(1, 10).Sum(k => 1.0 / k);
        for (var k = 0; k < 10; k++)
        {
            Assert.InRange(counts[k] / 100_000.0, (1.0 / (k + 1) / h10) - 0.01, (1.0 / (k + 1) / h10) + 0.01);
        }

        Assert.True(counts[0] > counts[1] && counts[1] > counts[2] && counts[2] > counts[3]);
    }

    [Fact]
    public void TheSameSeedGivesTheSameSequence()
    {
        static List<int> Keys(int seed, double skew) =>
            Run(new GeneratorOptions { RatePerSecond = 2000, Keys = 50, Skew = skew, Count = 1_000, Seed = seed }, TimeSpan.FromSeconds(1))
                .Where(m => m.Value.Kind == NotificationKind.OnNext)
                .Select(m => m.Value.Value.Key)
                .ToList();

        Assert.Equal(Keys(5, 0), Keys(5, 0));
        Assert.Equal(Keys(5, 1.2), Keys(5, 1.2));
        Assert.NotEqual(Keys(5, 0), Keys(6, 0));
        Assert.Equal(1_000, Keys(5, 0).Count);
    }

    [Fact]
    public void InvalidOptionsAreRejected()
    {
        var scheduler = new TestScheduler();
        Assert.Throws<ArgumentOutOfRangeException>(() => Sources.Generate(new GeneratorOptions { RatePerSecond = 0 }, scheduler));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sources.Generate(new GeneratorOptions { Keys = 0 }, scheduler));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sources.Generate(new GeneratorOptions { Skew = -1 }, scheduler));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sources.Generate(new GeneratorOptions { Count = -1 }, scheduler));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sources.Generate(new GeneratorOptions { TickInterval = TimeSpan.Zero }, scheduler));
        Assert.Throws<ArgumentException>(() => Sources.Generate(new GeneratorOptions { RatePerSecond = null }, scheduler));
    }
}
