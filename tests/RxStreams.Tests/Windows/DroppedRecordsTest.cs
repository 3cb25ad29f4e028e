using System.Diagnostics.Metrics;
using static RxStreams.Tests.CoreTestSupport;

namespace RxStreams.Tests.Windows;

/// <summary>The process-wide drop counters, read before and after; run apart from other tests, which drop records too.</summary>
[Collection(nameof(ProcessWideCounters))]
public class DroppedRecordsTest
{
    [Fact]
    public void LateRecordsWithoutASideOutputAndRecordsBetweenSlidingWindowsAreCounted()
    {
        var late = DroppedRecords.LateInWindows;
        var outside = DroppedRecords.OutsideWindows;

        Run("a@1 W10 b@2 c@3 d@15 Wmax", s => s.KeyBy(_ => 0).Window(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(10))).Count());
        Assert.Equal(late + 2, DroppedRecords.LateInWindows);

        // Windows of 2 ms every 10 ms: a record at 5 belongs to none.
        Run("a@1 b@5 W100", s => s.KeyBy(_ => 0).Window(SlidingEventTimeWindows.Of(TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(10))).Count());
        Assert.Equal(outside + 1, DroppedRecords.OutsideWindows);
    }

    [Fact]
    public void LateRecordsThatASideOutputTakesAreNotCountedAsDropped()
    {
        var late = DroppedRecords.LateInWindows;
        var side = new SideOutput<Record<string>>("late");
        Run("a@1 W10 b@2", s => s.KeyBy(_ => 0).Window(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(10))).SideOutputLateData(side).Count());
        Assert.Equal(1, side.Count);
        Assert.Equal(late, DroppedRecords.LateInWindows);
    }

    [Fact]
    public void CountWindowLeftoversAtTheEndOfInputAreCountedAsDropped()
    {
        var before = DroppedRecords.CountWindowLeftovers;
        Assert.Equal(before, Dropped()["count-window-leftovers"]);

        // Windows of 2 records per key: a@3 and b@4 are left over when the input ends, and never emitted.
        var output = Run("a@1 a@2 a@3 b@4 Wmax", s => s.KeyBy(r => r).CountWindow(2).Count());
        Assert.Equal("a[global)=2@9223372036854775807 Wmax", output);
        Assert.Equal(before + 2, DroppedRecords.CountWindowLeftovers);
        Assert.Equal(before + 2, Dropped()["count-window-leftovers"]);
    }

    [Fact]
    public void TheCountersArePublishedOnTheMeter()
    {
        Run("a@1 W10 b@2", s => s.KeyBy(_ => 0).Window(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(10))).Count());
        var seen = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == StreamMetrics.MeterName && instrument.Name == "rxstreams.records.dropped")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) => seen[(string)tags[0].Value!] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        Assert.Equal(DroppedRecords.LateInWindows, seen["late"]);
        Assert.Equal(DroppedRecords.OutsideWindows, seen["outside-windows"]);
        Assert.True(seen["late"] >= 1);
    }

    private static Dictionary<string, long> Dropped()
    {
        var seen = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == StreamMetrics.MeterName && instrument.Name == "rxstreams.records.dropped")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) => seen[(string)tags[0].Value!] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return seen;
    }
}

/// <summary>Tests that read process-wide counters run alone, after the tests that run in parallel.</summary>
[CollectionDefinition(nameof(ProcessWideCounters), DisableParallelization = true)]
public class ProcessWideCounters
{
}
