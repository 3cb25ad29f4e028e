using System.Threading;

namespace RxStreams.Windows;

/// <summary>
/// The counts of one window operator instance, part of a <see cref="WindowCounters"/>. Written by that instance's one
/// thread at a time (plain increments, published with volatile writes), read by any thread.
/// </summary>
internal sealed class WindowCounterCell
{
    private long _liveWindows;
    private long _lateRecordsDropped;
    private long _firings;
    private long _outsideWindows;

    public long LiveWindows => Volatile.Read(ref _liveWindows);

    public long LateRecordsDropped => Volatile.Read(ref _lateRecordsDropped);

    public long RecordsOutsideWindows => Volatile.Read(ref _outsideWindows);

    public long Firings => Volatile.Read(ref _firings);

    public void WindowCreated() => Volatile.Write(ref _liveWindows, _liveWindows + 1);

    public void WindowsFreed(int count) => Volatile.Write(ref _liveWindows, _liveWindows - count);

    public void LateRecordDropped() => Volatile.Write(ref _lateRecordsDropped, _lateRecordsDropped + 1);

    public void Fired() => Volatile.Write(ref _firings, _firings + 1);

    public void RecordOutsideWindows() => Volatile.Write(ref _outsideWindows, _outsideWindows + 1);

    /// <summary>Adds another cell's counts to this one (under the owner's lock, once the other's writer ended).</summary>
    public void Add(WindowCounterCell other)
    {
        _liveWindows += other.LiveWindows;
        _lateRecordsDropped += other.LateRecordsDropped;
        _firings += other.Firings;
        _outsideWindows += other.RecordsOutsideWindows;
    }
}
