using System;
using RxStreams.Windows;

namespace RxStreams;

/// <summary>
/// Live counts of one window operator: how many windows hold state, how many records were too late for any window,
/// and how many results were emitted. Pass it with <c>WindowedStream.WithCounters</c>; read it from any thread.
/// </summary>
/// <remarks>
/// One instance may be shared: by the tasks of a parallel pipeline (captured in <c>Apply</c>), or by several operators,
/// and it then counts for all of them exactly. Each operator instance counts in a cell of its own, written by its one
/// thread with no atomic instruction, and a read sums the cells; when an operator instance ends, its cell is folded
/// into the totals.
/// </remarks>
public sealed class WindowCounters
{
    private readonly object _gate = new();
    private readonly WindowCounterCell _ended = new();
    private WindowCounterCell[] _cells = [];

    /// <summary>Windows (per key) whose state is held now; drops back as the watermark passes end + allowed lateness.</summary>
    public long LiveWindows => Sum(static c => c.LiveWindows);

    /// <summary>Records that arrived after every window they belong to was closed (end + allowed lateness ≤ watermark).</summary>
    public long LateRecordsDropped => Sum(static c => c.LateRecordsDropped);

    /// <summary>Records that belong to no window (between sliding windows whose slide exceeds their size) and were not late.</summary>
    public long RecordsOutsideWindows => Sum(static c => c.RecordsOutsideWindows);

    /// <summary>Window results emitted.</summary>
    public long Firings => Sum(static c => c.Firings);

    /// <inheritdoc />
    public override string ToString() =>
        $"live windows {LiveWindows}, late dropped {LateRecordsDropped}, outside windows {RecordsOutsideWindows}, firings {Firings}";

    /// <summary>A cell for one operator instance to count in, until <see cref="Release"/>.</summary>
    internal WindowCounterCell Attach()
    {
        var cell = new WindowCounterCell();
        lock (_gate)
        {
            _cells = [.. _cells, cell];
        }

        return cell;
    }

    /// <summary>Folds the cell of an operator instance that ended into the totals; a second call does nothing.</summary>
    internal void Release(WindowCounterCell cell)
    {
        lock (_gate)
        {
            var index = Array.IndexOf(_cells, cell);
            if (index < 0)
            {
                return;
            }

            _ended.Add(cell);
            var cells = _cells;
            _cells = [.. cells.AsSpan(0, index), .. cells.AsSpan(index + 1)];
        }
    }

    private long Sum(Func<WindowCounterCell, long> counter)
    {
        lock (_gate)
        {
            var sum = counter(_ended);
            foreach (var cell in _cells)
            {
                sum += counter(cell);
            }

            return sum;
        }
    }
}
