using System.Runtime.InteropServices;

namespace RxStreams.Exchanges;

/// <summary>The producer's counters, on cache lines of their own.</summary>
[StructLayout(LayoutKind.Explicit, Size = 192)]
internal struct ProducerCounters
{
    [FieldOffset(64)]
    public long Written;

    [FieldOffset(72)]
    public long HeadCache;

    [FieldOffset(80)]
    public long Dropped;

    [FieldOffset(88)]
    public long BlockedTicks;

    [FieldOffset(96)]
    public int MaxOccupancy;

    [FieldOffset(100)]
    public int SincePublish;
}

/// <summary>A counter alone on its cache line, so the other side's writes do not invalidate it.</summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct PaddedLong
{
    [FieldOffset(64)]
    public long Value;
}
