using Microsoft.Reactive.Testing;
using RxStreams;

namespace RxStreams.Tests.Exchange;

[Collection(nameof(Adversarial.ParallelTaskThreads))]
[Adversarial.NoLeakedTaskThreads]
public class MetricsSmokeTest
{
    [Fact]
    public void MeasuringPointCountsRecordsLatencyAndWatermarkLag()
    {
        var scheduler = new TestScheduler();
        using var metrics = new StreamMetrics(scheduler);
        var output = new List<StreamElement<GeneratedEvent>>();
        Sources.Generate(new GeneratorOptions { RatePerSecond = 1000, Keys = 4, Count = 500 }, scheduler)
            .WithEventTime(e => e.Timestamp, WatermarkStrategy.ForMonotonousTimestamps())
            .WithLatencyMarkers(TimeSpan.FromMilliseconds(100), scheduler)
            .Measure("source", metrics)
            .Subscribe(output.Add);

        scheduler.AdvanceBy(TimeSpan.FromMilliseconds(250).Ticks);
        var snapshot = metrics.Snapshot();
        var point = Assert.Single(snapshot.Operators);
        Assert.Equal("source", point.Name);
        Assert.Equal(250, point.Records);
        Assert.Equal(1000, point.RecordsPerSecond);
        Assert.Equal(TimeSpan.Zero, point.WatermarkLag);
        Assert.Equal(2, point.Latency!.Samples);
        Assert.Equal(TimeSpan.Zero, point.Latency.P99);
    }
}
