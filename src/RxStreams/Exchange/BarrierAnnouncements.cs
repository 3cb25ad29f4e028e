using System.Threading;

namespace RxStreams.Exchanges;

/// <summary>
/// Tells a consumer task, ahead of the data, that a barrier of an unaligned checkpoint is on its way in one of its
/// channels (Flink's priority event): the task takes the checkpoint at once instead of after the records queued in
/// front of the barrier, which it copies as the checkpoint's channel state. Each channel keeps where its barrier is
/// (<see cref="ExchangeChannel{T}.Announced"/>); this only tells the task cheaply that some channel has news.
/// </summary>
internal sealed class BarrierAnnouncements
{
    private long _latest = long.MinValue;
    private long _version;

    /// <summary>The newest checkpoint announced so far.</summary>
    public long Latest => Volatile.Read(ref _latest);

    /// <summary>Changes with every announcement, of any channel.</summary>
    public long Version => Volatile.Read(ref _version);

    /// <summary>Producer: a channel's announcement of barrier <paramref name="checkpointId"/> is in place.</summary>
    public void Announce(long checkpointId)
    {
        var current = Volatile.Read(ref _latest);
        while (current < checkpointId)
        {
            var seen = Interlocked.CompareExchange(ref _latest, checkpointId, current);
            if (seen == current)
            {
                break;
            }

            current = seen;
        }

        Interlocked.Increment(ref _version);
    }
}
