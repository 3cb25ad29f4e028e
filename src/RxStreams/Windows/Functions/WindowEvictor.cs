using System;
using System.Collections.Generic;

namespace RxStreams;

/// <summary>
/// Removes records from a window's buffer at each firing (Flink's <c>Evictor</c>): <see cref="EvictBefore{T}"/> before the
/// window function sees them, <see cref="EvictAfter{T}"/> after it ran; removed records are gone for later firings too.
/// Using an evictor makes the window buffer its records instead of aggregating incrementally. Built-ins:
/// <see cref="KeepLast"/>, <see cref="KeepWithin"/> and <see cref="Delta{T}"/>; subclass this (or
/// <see cref="WindowEvictor{T}"/> to see the records' type) for a custom evictor.
/// </summary>
public abstract class WindowEvictor
{
    /// <summary>Creates an evictor.</summary>
    protected WindowEvictor()
    {
    }

    /// <summary>The record type a typed evictor works on; null for one that works on any.</summary>
    internal virtual Type? RecordType => null;

    /// <summary>Called before the window function; remove the records it should not see from <paramref name="records"/> (arrival order).</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="records">The window's buffer, with timestamps.</param>
    /// <param name="window">The firing window.</param>
    public virtual void EvictBefore<T>(List<Record<T>> records, TimeWindow window)
    {
    }

    /// <summary>Called after the window function; remove the records later firings should not see.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="records">The window's buffer, with timestamps.</param>
    /// <param name="window">The firing window.</param>
    public virtual void EvictAfter<T>(List<Record<T>> records, TimeWindow window)
    {
    }

    /// <summary>Keeps only the last <paramref name="count"/> records of the window, in arrival order (Flink's <c>CountEvictor</c>).</summary>
    /// <param name="count">How many records to keep; at least 1.</param>
    /// <param name="evictAfter">Evict after the window function instead of before (Flink's <c>doEvictAfter</c>).</param>
    public static WindowEvictor KeepLast(int count, bool evictAfter = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new CountEvictor(count, evictAfter);
    }

    /// <summary>Keeps only records whose timestamp is within <paramref name="span"/> of the window's newest timestamp: <c>t &gt; max − span</c> (Flink's <c>TimeEvictor</c>).</summary>
    /// <param name="span">How far back from the newest record to keep.</param>
    /// <param name="evictAfter">Evict after the window function instead of before (Flink's <c>doEvictAfter</c>).</param>
    public static WindowEvictor KeepWithin(TimeSpan span, bool evictAfter = false) =>
        new TimeEvictor(WindowArguments.PositiveMilliseconds(span, nameof(span)), evictAfter);

    /// <summary>
    /// Removes every record whose <paramref name="delta"/> to the window's last record is at least
    /// <paramref name="threshold"/> (Flink's <c>DeltaEvictor</c>).
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="threshold">The smallest delta that evicts.</param>
    /// <param name="delta">The distance between a record and the last one.</param>
    /// <param name="evictAfter">Evict after the window function instead of before (Flink's <c>doEvictAfter</c>).</param>
    public static WindowEvictor<T> Delta<T>(double threshold, Func<T, T, double> delta, bool evictAfter = false)
    {
        ArgumentNullException.ThrowIfNull(delta);
        return new DeltaEvictor<T>(threshold, delta, evictAfter);
    }

    /// <summary>An evictor that evicts on one side of the window function, by the same rule.</summary>
    private abstract class OneSideEvictor(bool after) : WindowEvictor
    {
        public override void EvictBefore<T>(List<Record<T>> records, TimeWindow window)
        {
            if (!after)
            {
                Evict(records);
            }
        }

        public override void EvictAfter<T>(List<Record<T>> records, TimeWindow window)
        {
            if (after)
            {
                Evict(records);
            }
        }

        protected abstract void Evict<T>(List<Record<T>> records);
    }

    private sealed class CountEvictor(int count, bool after) : OneSideEvictor(after)
    {
        protected override void Evict<T>(List<Record<T>> records)
        {
            if (records.Count > count)
            {
                records.RemoveRange(0, records.Count - count);
            }
        }
    }

    private sealed class TimeEvictor(long span, bool after) : OneSideEvictor(after)
    {
        protected override void Evict<T>(List<Record<T>> records)
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

    private sealed class DeltaEvictor<T>(double threshold, Func<T, T, double> delta, bool after) : WindowEvictor<T>
    {
        public override void EvictBefore(List<Record<T>> records, TimeWindow window)
        {
            if (!after)
            {
                Evict(records);
            }
        }

        public override void EvictAfter(List<Record<T>> records, TimeWindow window)
        {
            if (after)
            {
                Evict(records);
            }
        }

        private void Evict(List<Record<T>> records)
        {
            if (records.Count == 0)
            {
                return;
            }

            var last = records[^1].Value;
            var kept = 0;
            for (var i = 0; i < records.Count; i++)
            {
                if (delta(records[i].Value, last) < threshold)
                {
                    records[kept++] = records[i];
                }
            }

            records.RemoveRange(kept, records.Count - kept);
        }
    }
}

/// <summary>An evictor that sees the records' type (for evictors that look at the values, as Flink's <c>DeltaEvictor</c>).</summary>
/// <typeparam name="T">The record type; the windowed stream's must be the same.</typeparam>
public abstract class WindowEvictor<T> : WindowEvictor
{
    internal override Type? RecordType => typeof(T);

    /// <summary>Called before the window function; remove the records it should not see.</summary>
    /// <param name="records">The window's buffer, with timestamps, in arrival order.</param>
    /// <param name="window">The firing window.</param>
    public virtual void EvictBefore(List<Record<T>> records, TimeWindow window)
    {
    }

    /// <summary>Called after the window function; remove the records later firings should not see.</summary>
    /// <param name="records">The window's buffer, with timestamps, in arrival order.</param>
    /// <param name="window">The firing window.</param>
    public virtual void EvictAfter(List<Record<T>> records, TimeWindow window)
    {
    }

    /// <inheritdoc />
    public sealed override void EvictBefore<TRecord>(List<Record<TRecord>> records, TimeWindow window) => EvictBefore(Typed(records), window);

    /// <inheritdoc />
    public sealed override void EvictAfter<TRecord>(List<Record<TRecord>> records, TimeWindow window) => EvictAfter(Typed(records), window);

    private static List<Record<T>> Typed<TRecord>(List<Record<TRecord>> records) =>
        records as List<Record<T>> ?? throw new InvalidOperationException(
            $"The evictor {typeof(WindowEvictor<T>).Name} works on records of {typeof(T).Name}, not {typeof(TRecord).Name}.");
}
