using System.Diagnostics.Metrics;
using System.Reactive.Linq;
using Microsoft.Reactive.Testing;
using RxStreams;
using RxStreams.Testing;

namespace RxStreams.Tests.Exchange;

/// <summary>
/// StreamMetrics on pipelines driven by a TestScheduler: every figure is exact. One task; a 1,000/s generator with
/// latency markers every 100 ms, a measuring point at the source and one after a 20 ms delay and a Select.
/// </summary>
[Collection(nameof(Adversarial.ParallelTaskThreads))]
[Adversarial.NoLeakedTaskThreads]
public class MetricsTest
{
    private static readonly long Ms = TimeSpan.TicksPerMillisecond;

    private sealed class Pipeline : IDisposable
    {
        private readonly IDisposable _subscription;

        public Pipeline(string name)
        {
            Metrics = new StreamMetrics(Scheduler, name);
            var source = Sources.Generate(new GeneratorOptions { RatePerSecond = 1000, Keys = 4, Count = 1_000 }, Scheduler)
                .WithEventTime(e => e.Timestamp, WatermarkStrategy.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(50)))
                .WithLatencyMarkers(TimeSpan.FromMilliseconds(100), Scheduler)
                .Measure("source", Metrics);

            // Every element (records, watermarks, markers) takes 20 ms of processing time to reach the second point.
#pragma warning disable RXS0002 // Delays every element in processing time on purpose, to measure latency.
            _subscription = Observable.Delay(source, TimeSpan.FromMilliseconds(20), Scheduler)
#pragma warning restore RXS0002
                .Select(e => e.Key)
                .Measure("map", Metrics)
                .Subscribe(_ => { });
        }

        public TestScheduler Scheduler { get; } = new();

        public StreamMetrics Metrics { get; }

        public void Dispose()
        {
            _subscription.Dispose();
            Metrics.Dispose();
        }
    }

    [Fact]
    public void SnapshotValuesAtTwoMeasuringPoints()
    {
        // Snapshots half a millisecond off the generator's ticks (and the delayed elements' arrivals), so each sees whole ticks.
        using var pipeline = new Pipeline("snapshot");
        pipeline.Scheduler.AdvanceTo(Ms / 2);
        pipeline.Metrics.Snapshot(); // the throughput baseline
        pipeline.Scheduler.AdvanceTo((500 * Ms) + (Ms / 2));
        var snapshot = pipeline.Metrics.Snapshot();

        Assert.Equal(new DateTimeOffset((500 * Ms) + (Ms / 2), TimeSpan.Zero), snapshot.Time);
        Assert.Empty(snapshot.Channels);
        Assert.Equal(["map", "source"], snapshot.Operators.Select(o => o.Name).Order());

        // Source: one record per millisecond; watermark = newest timestamp (500 ms) − 50 ms.
        var source = Point(snapshot, "source");
        Assert.Equal(500, source.Records);
        Assert.Equal(1000.0, source.RecordsPerSecond, 9);
        Assert.Equal(0, source.LateRecords);
        Assert.Equal(TimeSpan.FromMilliseconds(50), source.WatermarkLag);
        Assert.Equal(new LatencyPercentiles(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, 5), source.Latency);

        // After the 20 ms delay: records up to 480 ms, the watermark 20 ms older, and every marker 20 ms late.
        var map = Point(snapshot, "map");
        Assert.Equal(480, map.Records);
        Assert.Equal(960.0, map.RecordsPerSecond, 9);
        Assert.Equal(0, map.LateRecords);
        Assert.Equal(TimeSpan.FromMilliseconds(70), map.WatermarkLag);
        Assert.Equal(source.Watermark - 20, map.Watermark);
        var twenty = TimeSpan.FromMilliseconds(20);
        Assert.Equal(new LatencyPercentiles(twenty, twenty, twenty, twenty, 4), map.Latency);

        // Throughput is measured since the previous snapshot.
        pipeline.Scheduler.AdvanceTo((750 * Ms) + (Ms / 2));
        var next = pipeline.Metrics.Snapshot();
        Assert.Equal(1000.0, Point(next, "source").RecordsPerSecond, 9);
        Assert.Equal(1000.0, Point(next, "map").RecordsPerSecond, 9);
        Assert.Equal(730, Point(next, "map").Records);
    }

    [Fact]
    public void LateRecordsAndWatermarkLagAtAMeasuringPoint()
    {
        var scheduler = new TestScheduler();
        scheduler.AdvanceTo(DateTimeOffset.UnixEpoch.UtcTicks);
        using var metrics = new StreamMetrics(scheduler, "late");
        var seen = new List<StreamElement<string>>();
        using var subscription = StreamDescription.Parse("a@1 W5 b@3 c@7 W10 d@2 e@12 f@9")
            .ToObservable(scheduler, TimeSpan.FromMilliseconds(10))
            .Measure("input", metrics)
            .Subscribe(seen.Add);

        scheduler.AdvanceBy(100 * Ms);
        var point = Assert.Single(metrics.Snapshot().Operators);
        Assert.Equal("a@1 W5 b@3 c@7 W10 d@2 e@12 f@9", StreamDescription.Format(seen));
        Assert.Equal(6, point.Records);
        Assert.Equal(3, point.LateRecords);                        // b@3 behind W5, d@2 and f@9 behind W10
        Assert.Equal(10, point.Watermark);
        Assert.Equal(TimeSpan.FromMilliseconds(90), point.WatermarkLag); // clock at 100 ms since the epoch
        Assert.Equal(60.0, point.RecordsPerSecond, 9);
        Assert.Null(point.Latency);
    }

    [Fact]
    public void SnapshotsArriveAtExactVirtualTimes()
    {
        using var pipeline = new Pipeline("live");
        var snapshots = new List<MetricsSnapshot>();

        // Half a millisecond off the generator's ticks, so each snapshot sees whole ticks.
        pipeline.Scheduler.AdvanceTo(Ms / 2);
        pipeline.Metrics.Snapshot();
        using var live = pipeline.Metrics.Snapshots(TimeSpan.FromMilliseconds(100)).Subscribe(snapshots.Add);
        pipeline.Scheduler.AdvanceTo(450 * Ms);

        Assert.Equal([100.5, 200.5, 300.5, 400.5], snapshots.Select(s => (s.Time.UtcTicks * 10 / Ms) / 10.0));
        Assert.Equal([100L, 200, 300, 400], snapshots.Select(s => Point(s, "source").Records));
        Assert.Equal([80L, 180, 280, 380], snapshots.Select(s => Point(s, "map").Records));
        Assert.All(snapshots, s => Assert.Equal(1000.0, Point(s, "source").RecordsPerSecond, 9));
        Assert.Equal([800.0, 1000, 1000, 1000], snapshots.Select(s => Math.Round(Point(s, "map").RecordsPerSecond, 9)));
    }

    [Fact]
    public void InstrumentsPublishThroughSystemDiagnosticsMetrics()
    {
        const string name = "meter-listener-test";
        var records = new Dictionary<string, long>();
        var latencies = new List<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == StreamMetrics.MeterName && instrument.Name is "rxstreams.records" or "rxstreams.latency")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var found = Tags(tags);
            if (found.GetValueOrDefault("pipeline") == name)
            {
                records[found["operator"]!] = value;
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (Tags(tags).GetValueOrDefault("pipeline") == name)
            {
                latencies.Add(value);
            }
        });
        listener.Start();

        using var pipeline = new Pipeline(name);
        pipeline.Scheduler.AdvanceTo(500 * Ms);
        listener.RecordObservableInstruments();

        Assert.Equal(new Dictionary<string, long> { ["source"] = 500, ["map"] = 480 }, records);

        // Five markers at the source (0 ms) and four at the second point (20 ms).
        Assert.Equal([0.0, 0, 0, 0, 0, 20, 20, 20, 20], latencies.Order());
    }

    private static OperatorMetrics Point(MetricsSnapshot snapshot, string name) => Assert.Single(snapshot.Operators, o => o.Name == name);

    private static Dictionary<string, string?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, string?>();
        foreach (var tag in tags)
        {
            result[tag.Key] = tag.Value?.ToString();
        }

        return result;
    }
}
