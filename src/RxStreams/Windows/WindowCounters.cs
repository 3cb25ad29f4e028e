using System.Threading;

namespace RxStreams;

/// <summary>
/// Live counts of one window operator: how many windows hold state, how many records were too late for any window,
/// and how many results were emitted. Pass it with <c>WindowedStream.WithCounters</c>; read it from any thread.
/// </summary>
public sealed class WindowCounters
{
    private long _liveWindows;
    private long _lateRecordsDropped;
    private long _firings;
    private long _outsideWindows;

    /// <summary>Windows (per key) whose state is held now; drops back as the watermark passes end + allowed lateness.</summary>
    public long LiveWindows => Volatile.Read(ref _liveWindows);

    /// <summary>Records that arrived after every window they belong to was closed (end + allowed lateness ≤ watermark).</summary>
    public long LateRecordsDropped => Volatile.Read(ref _lateRecordsDropped);

    /// <summary>Records that belong to no window (between sliding windows whose slide exceeds their size) and were not late.</summary>
    public long RecordsOutsideWindows => Volatile.Read(ref _outsideWindows);

    /// <summary>Window results emitted.</summary>
    public long Firings => Volatile.Read(ref _firings);

    internal void WindowCreated() => Volatile.Write(ref _liveWindows, _liveWindows + 1);

    internal void WindowsFreed(int count) => Volatile.Write(ref _liveWindows, _liveWindows - count);

    internal void LateRecordDropped() => Volatile.Write(ref _lateRecordsDropped, _lateRecordsDropped + 1);

    internal void Fired() => Volatile.Write(ref _firings, _firings + 1);

    internal void RecordOutsideWindows() => Volatile.Write(ref _outsideWindows, _outsideWindows + 1);

    /// <inheritdoc />
    public override string ToString() =>
        $"live windows {LiveWindows}, late dropped {LateRecordsDropped}, outside windows {RecordsOutsideWindows}, firings {Firings}";
}
