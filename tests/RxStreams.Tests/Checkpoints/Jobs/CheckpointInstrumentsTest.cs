using System.Diagnostics.Metrics;
using Microsoft.Reactive.Testing;

namespace RxStreams.Tests.Checkpoints.Jobs;

public class CheckpointInstrumentsTest
{
    [Fact]
    public void ARunningJobPublishesItsCheckpointFiguresOnTheMeter()
    {
        var events = StreamJobTest.Events(100, keys: 4, seed: 9);
        var scheduler = new TestScheduler();
        var job = StreamJob.Create(
            () => ReplayableSource.FromList(events, "events", new SourceOptions { RecordsPerStep = 1, Pace = TimeSpan.FromMilliseconds(1) })
                .WithEventTime(e => e.Time, WatermarkStrategy.NoWatermarks())
                .KeyBy(e => e.Key)
                .Count(),
            new CheckpointOptions { Scheduler = scheduler, Interval = TimeSpan.FromMilliseconds(10), AsynchronousSnapshots = false });

        var seen = new Dictionary<string, double>();
        using (job.Subscribe(new Collector<StreamElement<Keyed<string, long>>>()))
        {
            scheduler.AdvanceBy(TimeSpan.FromMilliseconds(55).Ticks);

            // Other tests run jobs at the same time, with instruments of the same names: listen to this job's meter only.
            var meter = job.Run!.Instruments.Meter;
            Assert.Equal(StreamMetrics.MeterName, meter.Name);
            using var listener = new MeterListener();
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, meter))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => seen[instrument.Name] = value);
            listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => seen[instrument.Name] = value);
            listener.Start();
            listener.RecordObservableInstruments();
        }

        Assert.Equal(5, seen["rxstreams.checkpoints.completed"]);
        Assert.Equal(5, seen["rxstreams.checkpoint.last_id"]);
        Assert.Equal(0, seen["rxstreams.checkpoints.failed"]);
        Assert.Equal(0, seen["rxstreams.job.restarts"]);
        Assert.Equal(job.Checkpoints.LastSize, seen["rxstreams.checkpoint.size"]);
        Assert.True(seen["rxstreams.checkpoint.size"] > 0);
        Assert.Equal(job.Checkpoints.LastSynchronousPause.TotalMilliseconds, seen["rxstreams.checkpoint.pause"]);
    }
}
