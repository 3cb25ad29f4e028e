using System;
using System.Collections.Generic;

namespace RxStreams;

/// <summary>
/// Limits what a window function sees (Flink's <c>Evictor</c>): before each firing, records are removed from the
/// window's buffer. Using an evictor makes the window buffer its records instead of aggregating incrementally.
/// </summary>
public abstract class WindowEvictor
{
    private protected WindowEvictor()
    {
    }

    /// <summary>Keeps only the last <paramref name="count"/> records of the window, in arrival order (Flink's <c>CountEvictor</c>).</summary>
    /// <param name="count">How many records to keep; at least 1.</param>
    public static WindowEvictor KeepLast(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new CountEvictor(count);
    }

    /// <summary>Keeps only records whose timestamp is within <paramref name="span"/> of the window's newest timestamp: <c>t &gt; max − span</c> (Flink's <c>TimeEvictor</c>).</summary>
    /// <param name="span">How far back from the newest record to keep.</param>
    public static WindowEvictor KeepWithin(TimeSpan span) => new TimeEvictor(WindowArguments.PositiveMilliseconds(span, nameof(span)));

    internal abstract void Evict<T>(List<Record<T>> records);

    private sealed class CountEvictor(int count) : WindowEvictor
    {
        internal override void Evict<T>(List<Record<T>> records)
        {
            if (records.Count > count)
            {
                records.RemoveRange(0, records.Count - count);
            }
        }
    }

    private sealed class TimeEvictor(long span) : WindowEvictor
    {
        internal override void Evict<T>(List<Record<T>> records)
        {
            if (records.Count == 0)
            {
                return;
            }

            var max = long.MinValue;
            foreach (var record in records)
            {
                max = Math.Max(max, record.Timestamp);
            }

            var cutoff = EventTime.Add(max, -span);
            records.RemoveAll(r => r.Timestamp <= cutoff);
        }
    }
}
