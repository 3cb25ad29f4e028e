using System.Collections.Generic;

namespace RxStreams.Exchanges;

/// <summary>The channels of one deployment, by edge name, for metric snapshots.</summary>
internal sealed class ExchangeMetrics
{
    private readonly List<IChannelStatistics> _channels = new();

    public IReadOnlyList<IChannelStatistics> Channels => _channels;

    public void Add(IChannelStatistics channel)
    {
        lock (_channels)
        {
            _channels.Add(channel);
        }
    }
}

/// <summary>What a channel reports, independent of its element type.</summary>
internal interface IChannelStatistics
{
    string Name { get; }

    int Capacity { get; }

    int Occupancy { get; }

    int MaxOccupancy { get; }

    long Transferred { get; }

    long Dropped { get; }

    System.TimeSpan BlockedTime { get; }
}
