namespace RxStreams.Tests.Adversarial;

/// <summary>
/// Load: 50 M events through keyed tumbling windows (10,000 keys, a window per key every second of event time) with
/// the heap measured after a full collection every 5 M events: once warmed up, memory stays flat (no state, timer or
/// buffer left behind by fired windows). Runs alone: the heap is the process's.
/// </summary>
[Collection(nameof(SteadyMemory))]
public class SteadyMemoryTest
{
    private const int Events = 50_000_000;
    private const int Keys = 10_000;
    private const int SampleEvery = 5_000_000;

    [Fact]
    public void KeyedWindowsOver50MillionEventsKeepTheHeapFlat()
    {
        var samples = new List<long>();
        long results = 0;
        long lastWatermark = long.MinValue;
        using (new Source(samples)
            .KeyBy(e => e.Key)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(1)))
            .Count()
            .Subscribe(e =>
            {
                if (e.IsRecord)
                {
                    results++;
                }
                else if (e.Kind == ElementKind.Watermark)
                {
                    lastWatermark = e.Timestamp;
                }
            }))
        {
        }

        // 10 events per millisecond: each key has one record per second, so every record opens and fires a window of its own.
        Assert.Equal(Events, results);
        Assert.Equal(Watermark.MaxValue, lastWatermark);
        Assert.Equal(Events / SampleEvery, samples.Count);
        var warm = samples[1];
        var grown = samples.Skip(2).Max() - warm;
        Assert.True(grown < 4 << 20, $"the heap grew by {grown:N0} bytes after warming up; samples: {string.Join(", ", samples.Select(s => s.ToString("N0")))}");
    }

    /// <summary>Pushes the events, a watermark every 1,000, and samples the heap every 5 M.</summary>
    private sealed class Source(List<long> samples) : IObservable<StreamElement<(int Key, long Time)>>
    {
        public IDisposable Subscribe(IObserver<StreamElement<(int Key, long Time)>> observer)
        {
            for (var i = 0; i < Events; i++)
            {
                var time = i / 10L;
                observer.OnNext(StreamElement.Record((i % Keys, time), time));
                if (i % 1000 == 999)
                {
                    observer.OnNext(StreamElement.Watermark<(int Key, long Time)>(time));
                }

                if (i % SampleEvery == SampleEvery - 1)
                {
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    GC.Collect();
                    samples.Add(GC.GetTotalMemory(forceFullCollection: true));
                }
            }

            observer.OnNext(StreamElement.Watermark<(int Key, long Time)>(Watermark.MaxValue));
            observer.OnCompleted();
            return System.Reactive.Disposables.Disposable.Empty;
        }
    }
}

/// <summary>Tests that measure the whole process's heap: alone, after the others.</summary>
[CollectionDefinition(nameof(SteadyMemory), DisableParallelization = true)]
public sealed class SteadyMemory
{
}
