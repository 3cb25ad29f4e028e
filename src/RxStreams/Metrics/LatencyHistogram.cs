using System;
using System.Collections.Generic;

namespace RxStreams;

/// <summary>
/// Latency samples at one measuring point and their percentiles (nearest rank). Keeps the most recent
/// <see cref="Capacity"/> samples exactly; latency markers are sparse, so this is small and exact.
/// </summary>
public sealed class LatencyHistogram
{
    private readonly TimeSpan[] _samples;
    private long _count;

    /// <summary>Creates an empty histogram.</summary>
    /// <param name="capacity">How many recent samples to keep; at least 1.</param>
    public LatencyHistogram(int capacity = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _samples = new TimeSpan[capacity];
    }

    /// <summary>How many recent samples are kept.</summary>
    public int Capacity => _samples.Length;

    /// <summary>Samples recorded since creation.</summary>
    public long Count
    {
        get
        {
            lock (_samples)
            {
                return _count;
            }
        }
    }

    /// <summary>Adds one latency sample.</summary>
    /// <param name="latency">The measured latency.</param>
    public void Record(TimeSpan latency)
    {
        lock (_samples)
        {
            _samples[_count % _samples.Length] = latency;
            _count++;
        }
    }

    /// <summary>The percentile of the kept samples by nearest rank, or null when there are none.</summary>
    /// <param name="percent">Between 0 (exclusive) and 100.</param>
    public TimeSpan? Percentile(double percent)
    {
        if (percent is <= 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "The percentile must be in (0, 100].");
        }

        var sorted = SortedSamples();
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Max(rank, 1) - 1];
    }

    /// <summary>The p50, p95 and p99 of the kept samples, or null when there are none.</summary>
    public LatencyPercentiles? Percentiles()
    {
        var sorted = SortedSamples();
        if (sorted.Count == 0)
        {
            return null;
        }

        TimeSpan At(double percent) => sorted[Math.Max((int)Math.Ceiling(percent / 100 * sorted.Count), 1) - 1];
        return new LatencyPercentiles(At(50), At(95), At(99), sorted[^1], sorted.Count);
    }

    /// <summary>Adds this histogram's kept samples to <paramref name="target"/>.</summary>
    internal void CopyTo(LatencyHistogram target)
    {
        lock (_samples)
        {
            var kept = (int)Math.Min(_count, _samples.Length);
            for (var i = 0; i < kept; i++)
            {
                target.Record(_samples[i]);
            }
        }
    }

    private List<TimeSpan> SortedSamples()
    {
        List<TimeSpan> copy;
        lock (_samples)
        {
            var kept = (int)Math.Min(_count, _samples.Length);
            copy = new List<TimeSpan>(kept);
            for (var i = 0; i < kept; i++)
            {
                copy.Add(_samples[i]);
            }
        }

        copy.Sort();
        return copy;
    }
}

/// <summary>Latency percentiles at a measuring point.</summary>
/// <param name="P50">The median.</param>
/// <param name="P95">The 95th percentile.</param>
/// <param name="P99">The 99th percentile.</param>
/// <param name="Max">The largest kept sample.</param>
/// <param name="Samples">How many samples they are computed from.</param>
public sealed record LatencyPercentiles(TimeSpan P50, TimeSpan P95, TimeSpan P99, TimeSpan Max, int Samples);
