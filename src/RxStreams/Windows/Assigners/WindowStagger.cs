using System;

namespace RxStreams;

/// <summary>
/// How the windows of tumbling processing-time windows are staggered (Flink's <c>WindowStagger</c>): an offset added
/// to the alignment, chosen once per operator at its first record, so that the windows of many operators do not all
/// end at the same instant.
/// </summary>
public sealed class WindowStagger
{
    private readonly Func<long, long, long> _offset;

    private WindowStagger(Func<long, long, long> offset) => _offset = offset;

    /// <summary>No stagger: windows are aligned to the epoch (plus the offset), the default.</summary>
    public static WindowStagger Aligned { get; } = new((_, _) => 0);

    /// <summary>A random offset in <c>[0, size)</c> per operator.</summary>
    public static WindowStagger Random { get; } = new((_, size) => System.Random.Shared.NextInt64(size));

    /// <summary>The offset that makes the first window start when the operator's first record arrives: <c>now mod size</c>.</summary>
    public static WindowStagger Natural { get; } = new((now, size) => now - TimeWindow.StartOf(now, 0, size));

    /// <summary>The stagger offset for windows of <paramref name="size"/>, given the processing time of the first record.</summary>
    internal long OffsetOf(long now, long size) => _offset(now, size);
}
