using System;

namespace RxStreams;

/// <summary>What <see cref="Sources.Generate"/> produces: how fast, how many, over how many keys, how skewed.</summary>
public sealed record GeneratorOptions
{
    /// <summary>Records per second of processing time; null for as fast as possible (all at the first tick).</summary>
    public double? RatePerSecond { get; init; } = 1000;

    /// <summary>How many distinct keys (0 to Keys − 1).</summary>
    public int Keys { get; init; } = 100;

    /// <summary>Key skew as a Zipf exponent: 0 is uniform, 1 is classic Zipf (key 0 the most frequent).</summary>
    public double Skew { get; init; }

    /// <summary>How many records before completing; null for never.</summary>
    public long? Count { get; init; }

    /// <summary>Seeds the key sequence, so runs repeat exactly.</summary>
    public int Seed { get; init; }

    /// <summary>How often the generator wakes to emit what is due; the rate is exact over time, not per tick.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMilliseconds(1);

    internal void Validate()
    {
        if (RatePerSecond is { } rate && !(rate > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(RatePerSecond), rate, "The rate must be positive.");
        }

        if (Keys < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Keys), Keys, "There must be at least one key.");
        }

        if (Skew < 0 || double.IsNaN(Skew))
        {
            throw new ArgumentOutOfRangeException(nameof(Skew), Skew, "The skew must not be negative.");
        }

        if (Count is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Count), Count, "The count must not be negative.");
        }

        if (TickInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(TickInterval), TickInterval, "The tick interval must be positive.");
        }
    }
}

/// <summary>One generated record.</summary>
/// <param name="Sequence">0, 1, 2, … in emission order.</param>
/// <param name="Key">The key, 0 to <see cref="GeneratorOptions.Keys"/> − 1.</param>
/// <param name="Timestamp">The processing time of emission in milliseconds since the epoch, usable as event time.</param>
public readonly record struct GeneratedEvent(long Sequence, int Key, long Timestamp);
