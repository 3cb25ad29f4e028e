using System;

namespace RxStreams;

/// <summary>How the bounded buffers between producer and consumer tasks of an exchange behave.</summary>
public sealed record ExchangeOptions
{
    /// <summary>The default: 4,096 elements per channel, backpressure.</summary>
    public static ExchangeOptions Default { get; } = new();

    /// <summary>Elements one channel (one producer to one consumer task) can hold at most.</summary>
    public int Capacity { get; init; } = 4096;

    /// <summary>What happens when a channel is full. Watermarks and other control elements always wait; only records are dropped.</summary>
    public OverflowPolicy Overflow { get; init; } = OverflowPolicy.Block;

    /// <summary>Throws when the options cannot work.</summary>
    internal void Validate()
    {
        if (Capacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Capacity), Capacity, "The exchange capacity must be at least 1.");
        }

        if (!Enum.IsDefined(Overflow))
        {
            throw new ArgumentOutOfRangeException(nameof(Overflow), Overflow, "Unknown overflow policy.");
        }
    }
}
