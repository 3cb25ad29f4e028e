using RxStreams.Windows;

namespace RxStreams.Tests.Windows;

/// <summary>
/// <see cref="WindowTable{TKey, TState}"/>'s copy-on-write captures while pages copied away are reused: every open
/// capture keeps reading the table as it was when captured, whatever the table and the other captures do, and once
/// captures are written their pages serve later copies instead of new arrays.
/// </summary>
public class WindowTableCopyOnWriteTest
{
    private const int Slots = 3 * 4096;
    private static readonly TimeWindow Window = new(0, 10);

    [Fact]
    public void OpenCapturesKeepTheirValuesWhilePagesAreReused()
    {
        var random = new Random(7);
        var table = NewTable(out var model);
        var open = new List<(CapturedWindows<long, long> Capture, long[] Values)>();
        for (var step = 0; step < 3_000; step++)
        {
            var action = random.Next(10);
            if (action == 0 && open.Count < 4)
            {
                open.Add((table.Capture(), (long[])model.Clone()));
            }
            else if (action == 1 && open.Count > 0)
            {
                // Released in any order, as concurrent writes may finish.
                var i = random.Next(open.Count);
                Check(open[i].Capture, open[i].Values);
                open[i].Capture.Release();
                open.RemoveAt(i);
            }
            else
            {
                for (var n = 0; n < 50; n++)
                {
                    var slot = random.Next(Slots);
                    model[slot] = random.NextInt64();
                    table[slot].Contents = model[slot];
                }
            }
        }

        foreach (var (capture, values) in open)
        {
            Check(capture, values);
        }

        for (var slot = 0; slot < Slots; slot++)
        {
            Assert.Equal(model[slot], table[slot].Contents);
        }
    }

    [Fact]
    public void PagesCopiedAwayServeTheCopiesAfterTheNextBarrier()
    {
        var table = NewTable(out _);

        // First checkpoint: every page is copied into a new array.
        var first = table.Capture();
        TouchEveryPage(table, 1);
        Assert.Equal(3, table.PagesAllocatedForCopies);
        first.Release();

        // Later checkpoints, each written before the next: the copies reuse the pages copied away, no new arrays.
        for (var checkpoint = 2; checkpoint < 10; checkpoint++)
        {
            var capture = table.Capture();
            TouchEveryPage(table, checkpoint);
            Assert.Equal(checkpoint - 1, capture[4096].Contents);
            capture.Release();
        }

        Assert.Equal(3, table.PagesAllocatedForCopies);

        // Written while the next checkpoint's copies run: reused as soon as only the latest capture is open.
        var slow = table.Capture();
        TouchEveryPage(table, 10);
        var latest = table.Capture();
        slow.Release();
        TouchEveryPage(table, 11);
        Assert.Equal(10, latest[0].Contents);
        latest.Release();
        Assert.Equal(3, table.PagesAllocatedForCopies);
    }

    [Fact]
    public void APageTouchedAfterItsCaptureWasWrittenIsNotCopied()
    {
        var table = NewTable(out _);
        var capture = table.Capture();
        table[0].Contents = 5;
        capture.Release();
        table[4096].Contents = 6;
        table[8192].Contents = 7;
        Assert.Equal(1, table.PagesAllocatedForCopies);
    }

    private static void TouchEveryPage(WindowTable<long, long> table, long value)
    {
        for (var slot = 0; slot < Slots; slot += 4096)
        {
            table[slot].Contents = value;
        }
    }

    private static void Check(CapturedWindows<long, long> capture, long[] values)
    {
        for (var slot = 0; slot < Slots; slot++)
        {
            Assert.Equal(values[slot], capture[slot].Contents);
        }
    }

    private static WindowTable<long, long> NewTable(out long[] model)
    {
        var table = new WindowTable<long, long>(EqualityComparer<long>.Default);
        model = new long[Slots];
        for (var key = 0L; key < Slots; key++)
        {
            table.Find(key, Window, out var hash);
            Assert.Equal(key, table.Add(key, Window, hash, 0));
        }

        return table;
    }
}
