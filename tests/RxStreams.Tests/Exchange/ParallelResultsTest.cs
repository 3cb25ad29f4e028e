using System.Reactive.Linq;
using RxStreams;
using static RxStreams.Tests.Exchange.ExchangeTestSupport;

namespace RxStreams.Tests.Exchange;

/// <summary>Parallel keyed tumbling windows give exactly the serial results (as a set) at any parallelism.</summary>
[Collection(nameof(Adversarial.ParallelTaskThreads))]
[Adversarial.NoLeakedTaskThreads]
public class ParallelResultsTest
{
    private readonly record struct Reading(int Sensor, long Time, int Value);

    /// <summary>
    /// 60,000 readings of 200 sensors (seeded), 3 per millisecond of event time, each up to 150 ms older than its
    /// position; the watermark allows 100 ms, so some readings arrive late and are dropped by the windows.
    /// </summary>
    private static readonly Reading[] Readings = Generate(maxDisorder: 150);

    /// <summary>The same with at most 100 ms of disorder: nothing is late.</summary>
    private static readonly Reading[] OnTimeReadings = Generate(maxDisorder: 100);

    private static Reading[] Generate(int maxDisorder)
    {
        var random = new Random(2026);
        var readings = new Reading[60_000];
        for (var i = 0; i < readings.Length; i++)
        {
            readings[i] = new Reading(random.Next(200), 1_000 + (i / 3) - random.Next(maxDisorder + 1), random.Next(100));
        }

        return readings;
    }

    private static IObservable<StreamElement<Reading>> Source(Reading[]? readings = null) =>
        (readings ?? Readings).ToObservable().WithEventTime(r => r.Time, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(100)));

    private static IObservable<StreamElement<string>> Windows(IObservable<StreamElement<Reading>> readings) =>
        readings.KeyBy(r => r.Sensor)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(250)))
            .Aggregate(new CountAndSum())
            .Select(r => r.ToString());

    private static readonly List<string> Serial = Collect(Windows(Source()).Values()).Order(StringComparer.Ordinal).ToList();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void KeyedTumblingWindowsGiveTheSerialResults(int parallelism)
    {
        var parallel = Collect(Source()
                .PartitionByKey(r => r.Sensor, parallelism, new ExchangeOptions { Capacity = 128 })
                .Apply(Windows)
                .Merge()
                .Values())
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(Serial, parallel);
    }

    [Fact]
    public void TheInputHasDisorderAndLateRecords()
    {
        // The comparison is only meaningful if records are out of order and some are late (dropped alike in both).
        var counted = Serial.Sum(Count);
        Assert.InRange(counted, 50_000, Readings.Length - 1);
        Assert.True(Serial.Count > 200 * 70, $"{Serial.Count} windows");
        Assert.Contains(Readings.Zip(Readings.Skip(1)), pair => pair.Second.Time < pair.First.Time);
    }

    [Fact]
    public void ParallelismTwoFromAParallelSourceStageGivesTheSerialResults()
    {
        // Two producer tasks (rebalance) feed the hash exchange: the windows' watermark is the minimum over both
        // channels, never ahead of the source's, so with no late input no record becomes late. (With late input the
        // results may legitimately differ: a lower watermark can still accept a record the serial run drops.)
        var serial = Collect(Windows(Source(OnTimeReadings)).Values()).Order(StringComparer.Ordinal).ToList();
        var parallel = Collect(Source(OnTimeReadings)
                .Partition(RxStreams.Exchange.Rebalance, parallelism: 2)
                .PartitionByKey(r => r.Sensor, parallelism: 2)
                .Apply(Windows)
                .Merge()
                .Values())
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(serial, parallel);
        Assert.Equal(OnTimeReadings.Length, serial.Sum(Count));
    }

    /// <summary>The count in a result "key[start,end)=count/sum".</summary>
    private static long Count(string result) =>
        long.Parse(result[(result.IndexOf('=', StringComparison.Ordinal) + 1)..result.IndexOf('/', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Counts and sums a window's readings: the result "count/sum" depends on exactly which readings were counted.</summary>
    private sealed class CountAndSum : IAggregateFunction<Reading, (long Count, long Sum), string>
    {
        public (long Count, long Sum) CreateAccumulator() => (0, 0);

        public void Add(ref (long Count, long Sum) accumulator, Reading value) => accumulator = (accumulator.Count + 1, accumulator.Sum + value.Value);

        public string GetResult(in (long Count, long Sum) accumulator) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{accumulator.Count}/{accumulator.Sum}");

        public (long Count, long Sum) Merge((long Count, long Sum) a, (long Count, long Sum) b) => (a.Count + b.Count, a.Sum + b.Sum);
    }
}
