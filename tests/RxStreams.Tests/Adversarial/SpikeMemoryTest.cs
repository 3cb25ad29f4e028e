using System.Reactive.Subjects;

namespace RxStreams.Tests.Adversarial;

/// <summary>
/// After a spike of keys in one window, the window operator gives its memory back: its window table and its timer
/// buckets shrink once the spike's windows are freed, instead of staying at their peak. Runs alone: the heap is the process's.
/// </summary>
[Collection(nameof(SteadyMemory))]
public class SpikeMemoryTest
{
    private const int SpikeKeys = 500_000;
    private const int Keys = 100;

    [Fact]
    public void WindowTableAndTimersShrinkAfterASpikeOfKeys()
    {
        var input = new Subject<StreamElement<int>>();
        var counters = new WindowCounters();
        long results = 0;
        var time = 0L;
        using var _ = input.KeyBy(k => k).Window(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(10))).WithCounters(counters).Count()
            .Subscribe(e => results += e.IsRecord ? 1 : 0);

        // 100 keys per 10 ms window, then one window of 500,000 keys, then 100 keys per window again.
        void Windows(int count, int keys)
        {
            for (var w = 0; w < count; w++)
            {
                for (var k = 0; k < keys; k++)
                {
                    input.OnNext(StreamElement.Record(k, time + 1));
                }

                time += 10;
                input.OnNext(StreamElement.Watermark<int>(time));
            }
        }

        Windows(200, Keys);
        var before = Heap();
        Windows(1, SpikeKeys);
        Windows(200, Keys);
        var after = Heap();

        Assert.Equal((400 * Keys) + SpikeKeys, results);
        Assert.Equal(0, counters.LiveWindows);
        Assert.True(after - before < 2 << 20, $"{after - before:N0} bytes stayed after the spike ({before:N0} before, {after:N0} after)");
    }

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
