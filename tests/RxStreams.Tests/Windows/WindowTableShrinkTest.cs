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

        table.ShrinkIfSparse();

        Assert.Equal(50, table.SlotsUsed);
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
        Assert.Equal(20_000, table.SlotsUsed);
    }
}
