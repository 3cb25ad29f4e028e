using System.Threading;

namespace RxStreams;

/// <summary>
/// Live counts of interval joins: the records buffered now on each side (Flink's join state), the late records of each
/// side, and the pairs joined. Pass it to <c>IntervalJoin</c>; read it from any thread. One instance may be shared by
/// several joins (or parallel tasks) and then counts for all of them. A join that ends or is disposed takes its
/// buffered records off the counts.
/// </summary>
public sealed class IntervalJoinCounters
{
    private long _bufferedLeft;
    private long _bufferedRight;
    private long _lateLeft;
    private long _lateRight;
    private long _joined;

    /// <summary>Left records held in the join's state now.</summary>
    public long BufferedLeft => Volatile.Read(ref _bufferedLeft);

    /// <summary>Right records held in the join's state now.</summary>
    public long BufferedRight => Volatile.Read(ref _bufferedRight);

    /// <summary>Left records that arrived late (sent to the late output when one is given).</summary>
    public long LateLeft => Volatile.Read(ref _lateLeft);

    /// <summary>Right records that arrived late.</summary>
    public long LateRight => Volatile.Read(ref _lateRight);

    /// <summary>Joined pairs emitted.</summary>
    public long Joined => Volatile.Read(ref _joined);

    /// <inheritdoc />
    public override string ToString() =>
        $"buffered left {BufferedLeft}, buffered right {BufferedRight}, late left {LateLeft}, late right {LateRight}, joined {Joined}";

    internal void Buffered(bool left, long count) => Interlocked.Add(ref left ? ref _bufferedLeft : ref _bufferedRight, count);

    internal void Late(bool left) => Interlocked.Increment(ref left ? ref _lateLeft : ref _lateRight);

    internal void Pair() => Interlocked.Increment(ref _joined);
}
