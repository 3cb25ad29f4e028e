using RxStreams.Windows;

namespace RxStreams.Tests.Windows;

/// <summary>
/// The synchronous part of a window checkpoint only shares the window table's pages and the timer buckets with the
/// snapshot; whatever the operator does afterwards (change, add, remove, grow, fire, reuse buckets) leaves the capture
/// exactly as it was at the barrier.
/// </summary>
public class CopyOnWriteCaptureTest
{
    [Fact]
    public void ACapturedWindowTableKeepsItsEntriesWhileTheTableChangesAndGrows()
    {
        var table = new WindowTable<int, long>(EqualityComparer<int>.Default);
        for (var key = 0; key < 10_000; key++)
        {
            table.Add(key, new TimeWindow(0, 10), Hash(table, key), key * 10L);
        }

        var captured = table.Capture();

        // After the barrier: every third window changes, every fifth is removed, and 10,000 more are added (new pages, a rehash).
        for (var key = 0; key < 10_000; key++)
        {
            var slot = table.Find(key, new TimeWindow(0, 10));
            if (key % 5 == 0)
            {
                table.Remove(slot);
            }
            else if (key % 3 == 0)
            {
                table[slot].Contents = -1;
                table[slot].Firings = 7;
            }
        }

        for (var key = 10_000; key < 20_000; key++)
        {
            table.Add(key, new TimeWindow(0, 10), Hash(table, key), key * 10L);
        }

        Assert.Equal(10_000, captured.SlotsUsed);
        for (var slot = 0; slot < captured.SlotsUsed; slot++)
        {
            ref readonly var entry = ref captured[slot];
            Assert.True(entry.Live);
            Assert.Equal(entry.Key * 10L, entry.Contents);
            Assert.Equal(0, entry.Firings);
        }

        // The table itself has the changes: 8,000 old windows (a fifth removed) plus 10,000 new ones.
        var live = 0;
        for (var key = 0; key < 20_000; key++)
        {
            var slot = table.Find(key, new TimeWindow(0, 10));
            if (slot >= 0)
            {
                live++;
                Assert.Equal(key < 10_000 && key % 3 == 0 ? -1 : key * 10L, table[slot].Contents);
            }
        }

        Assert.Equal(18_000, live);
    }

    [Fact]
    public void CapturedTimersKeepTheirOrderWhileTimersFireAndBucketsAreReused()
    {
        var queue = new TimerQueue<int>();
        for (var i = 0; i < 30; i++)
        {
            queue.Add(10 + (i % 3)) = i;
        }

        var captured = queue.Capture();

        // After the barrier: every timer fires (the buckets are drained and pooled), then the pooled buckets are reused.
        while (queue.TryDequeueDue(long.MaxValue, out _, out _))
        {
        }

        for (var i = 0; i < 30; i++)
        {
            queue.Add(20 + (i % 3)) = 1000 + i;
        }

        var flattened = captured.SelectMany(c => c.Items[c.From..c.To].Select(item => (c.Time, item))).ToList();
        var expected = Enumerable.Range(0, 30).Select(i => (Time: 10L + (i % 3), Item: i)).OrderBy(t => t.Time).ToList();
        Assert.Equal(expected, flattened);
    }

    private static int Hash(WindowTable<int, long> table, int key)
    {
        Assert.Equal(-1, table.Find(key, new TimeWindow(0, 10), out var hash));
        return hash;
    }
}
