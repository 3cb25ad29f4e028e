using RxStreams.Windows;

namespace RxStreams.Tests.Windows;

/// <summary>The window table shrinks once mostly empty, and timers' handles of the old layout still find their windows.</summary>
public class WindowTableShrinkTest
{
    private static readonly TimeWindow Window = new(0, 10);

    [Fact]
    public void ASparseTableIsRebuiltAndOldHandlesResolveByKeyAndWindow()
    {
        var table = new WindowTable<int, long>(EqualityComparer<int>.Default);
        var handles = new List<WindowHandle<int>>();
        for (var key = 0; key < 20_000; key++)
        {
            table.Find(key, Window, out var hash);
            var slot = table.Add(key, Window, hash, key);
            handles.Add(new WindowHandle<int>(key, Window, slot, table[slot].Generation));
        }

        // Keep every 400th key (50 windows): fewer than an eighth of the slots hold windows.
        for (var key = 0; key < 20_000; key++)
        {
            if (key % 400 != 0)
            {
                table.Remove(handles[key].Slot);
            }
        }

        // The first call after the spike still sees its peak: tumbling windows empty the table at each end and fill
        // it again, so the table shrinks only once it stayed sparse from one call to the next.
        table.ShrinkIfSparse();
        Assert.Equal((20_000, 0), (table.SlotsUsed, table.Rebuilds));
        table.ShrinkIfSparse();

        Assert.Equal((50, 1), (table.SlotsUsed, table.Rebuilds));
        for (var key = 0; key < 20_000; key++)
        {
            var slot = table.Resolve(handles[key]);
            if (key % 400 == 0)
            {
                Assert.Equal((key, (long)key), (table[slot].Key, table[slot].Contents));
            }
            else
            {
                Assert.Equal(-1, slot);
            }
        }

        // A window added after the rebuild is not mistaken for one an old handle named.
        table.Find(20_001, Window, out var newHash);
        var added = table.Add(20_001, Window, newHash, 7);
        Assert.All(handles.Where(h => h.Slot == added), h => Assert.NotEqual(added, table.Resolve(h)));
    }

    [Fact]
    public void ATableThatIsStillFullEnoughIsNotRebuilt()
    {
        var table = new WindowTable<int, long>(EqualityComparer<int>.Default);
        for (var key = 0; key < 20_000; key++)
        {
            table.Find(key, Window, out var hash);
            table.Add(key, Window, hash, key);
        }

        for (var slot = 0; slot < 17_000; slot++)
        {
            table.Remove(slot);
        }

        table.ShrinkIfSparse();
        table.ShrinkIfSparse();
        Assert.Equal((20_000, 0), (table.SlotsUsed, table.Rebuilds));
    }

    [Fact]
    public void ATableThatFillsAgainBetweenCallsIsNotRebuilt()
    {
        // Tumbling windows of 20,000 keys: each end frees every window, the next window adds them again.
        var table = new WindowTable<int, long>(EqualityComparer<int>.Default);
        for (var round = 0; round < 4; round++)
        {
            var window = new TimeWindow(round * 10, (round + 1) * 10);
            var slots = new List<int>();
            for (var key = 0; key < 20_000; key++)
            {
                table.Find(key, window, out var hash);
                slots.Add(table.Add(key, window, hash, key));
            }

            slots.ForEach(table.Remove);
            table.ShrinkIfSparse();
        }

        // Never rebuilt: each round reused the slots the previous one freed.
        Assert.Equal((20_000, 0), (table.SlotsUsed, table.Rebuilds));
    }
}
