using RxStreams.Processing;

namespace RxStreams.Tests.Process;

public class KeyedTimerQueueTest
{
    [Fact]
    public void TimersComeOutByTimeThenByRegistrationAndOncePerKeyAndTime()
    {
        var queue = new KeyedTimerQueue<string>(StringComparer.Ordinal);
        Assert.True(queue.Register("b", 20));
        Assert.True(queue.Register("a", 10));
        Assert.True(queue.Register("c", 10));
        Assert.False(queue.Register("a", 10));
        Assert.Equal(3, queue.Count);
        Assert.Equal("a@10 c@10", Drain(queue, 19));
        Assert.True(queue.TryPeekTime(out var next));
        Assert.Equal(20, next);
        Assert.Equal("b@20", Drain(queue, long.MaxValue));
        Assert.False(queue.TryPeekTime(out _));
    }

    [Fact]
    public void ADeletedTimerIsSkippedAndARegistrationAfterDeletionCountsOnce()
    {
        var queue = new KeyedTimerQueue<string>(StringComparer.Ordinal);
        queue.Register("a", 10);
        queue.Register("b", 10);
        Assert.True(queue.Delete("a", 10));
        Assert.False(queue.Delete("a", 10));
        queue.Register("a", 10);
        Assert.Equal("b@10 a@10", Drain(queue, 10));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void DeleteAndRegisterPerRecordKeepsTheHeapBounded()
    {
        var queue = new KeyedTimerQueue<int>(EqualityComparer<int>.Default);
        for (var t = 0; t < 100_000; t++)
        {
            queue.Delete(t % 10, t + 990);
            queue.Register(t % 10, t + 1000);
        }

        Assert.Equal(10, queue.Count);
        var heap = typeof(KeyedTimerQueue<int>).GetField("_heap", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        Assert.InRange(HeapCount(heap.GetValue(queue)!), 10, (2 * 10) + 64 + 1);
        Assert.Equal("0@100990 1@100991 2@100992 3@100993 4@100994 5@100995 6@100996 7@100997 8@100998 9@100999", Drain(queue, long.MaxValue));
    }

    [Fact]
    public void TheComparerDecidesWhichTimersAreTheSame()
    {
        var queue = new KeyedTimerQueue<string>(StringComparer.OrdinalIgnoreCase);
        Assert.True(queue.Register("a", 5));
        Assert.False(queue.Register("A", 5));
        Assert.True(queue.Delete("A", 5));
        Assert.Equal(0, queue.Count);
    }

    private static int HeapCount(object heap) => (int)heap.GetType().GetProperty("Count")!.GetValue(heap)!;

    private static string Drain<TKey>(KeyedTimerQueue<TKey> queue, long limit)
        where TKey : notnull
    {
        var fired = new List<string>();
        while (queue.TryDequeue(limit, out var key, out var time))
        {
            fired.Add($"{key}@{time}");
        }

        return string.Join(" ", fired);
    }
}
