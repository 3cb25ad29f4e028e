using System.Reactive.Concurrency;
using System.Runtime.CompilerServices;
using System.Threading;

namespace RxStreams.Diagnostics;

/// <summary>
/// The records of one <c>WithEventTime</c> while a <see cref="WindowExplainer"/> watches it: how many, the newest
/// timestamp, and when the last one arrived on the explainer's clock. Written by the source's thread, read by any.
/// </summary>
internal sealed class SourceActivity(IScheduler clock)
{
    private long _records;
    private long _newest = long.MinValue;
    private long _lastTicks;

    /// <summary>Records seen.</summary>
    public long Records => Volatile.Read(ref _records);

    /// <summary>The highest timestamp seen; meaningless before the first record.</summary>
    public long Newest => Volatile.Read(ref _newest);

    /// <summary>When the last record arrived, in UTC ticks of the clock; meaningless before the first record.</summary>
    public long LastRecordTicks => Volatile.Read(ref _lastTicks);

    /// <summary>Notes a record. Not inlined: it runs only under an explainer, and inlined it would grow the source's hot path.</summary>
    /// <param name="timestamp">The record's timestamp.</param>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void OnRecord(long timestamp)
    {
        if (timestamp > _newest)
        {
            Volatile.Write(ref _newest, timestamp);
        }

        Volatile.Write(ref _lastTicks, clock.Now.UtcTicks);
        Volatile.Write(ref _records, _records + 1);
    }
}
