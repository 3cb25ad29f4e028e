using System;
using System.Collections.Generic;

namespace RxStreams;

/// <summary>What one measuring point (<c>Measure</c>) saw.</summary>
/// <param name="Name">The measuring point, usually named after the operator before it.</param>
/// <param name="Records">Records that passed.</param>
/// <param name="RecordsPerSecond">Throughput since the previous snapshot of the same <see cref="StreamMetrics"/> (processing time).</param>
/// <param name="LateRecords">Records that passed with a timestamp below the watermark seen there.</param>
/// <param name="Watermark">The current watermark there.</param>
/// <param name="WatermarkLag">Processing time minus watermark (how far event time trails the clock); null before the first watermark.</param>
/// <param name="Latency">Latency-marker latency from the source to here; null before the first marker.</param>
public sealed record OperatorMetrics(
    string Name, long Records, double RecordsPerSecond, long LateRecords, long Watermark, TimeSpan? WatermarkLag, LatencyPercentiles? Latency);

/// <summary>What one exchange channel (a bounded buffer from one producer task to one consumer task) saw.</summary>
/// <param name="Name">The edge and channel, for example <c>hash task 1 input 0</c>.</param>
/// <param name="Capacity">The buffer's bound.</param>
/// <param name="Occupancy">Elements waiting now.</param>
/// <param name="MaxOccupancy">The most elements ever waiting at once.</param>
/// <param name="Transferred">Elements that went through.</param>
/// <param name="Dropped">Records dropped by the overflow policy.</param>
/// <param name="BlockedTime">Time the producer waited for room (backpressure).</param>
public sealed record ChannelMetrics(string Name, int Capacity, int Occupancy, int MaxOccupancy, long Transferred, long Dropped, TimeSpan BlockedTime);

/// <summary>All measurements of a pipeline at one moment.</summary>
/// <param name="Time">The processing time of the snapshot.</param>
/// <param name="Operators">Per measuring point.</param>
/// <param name="Channels">Per exchange channel.</param>
public sealed record MetricsSnapshot(DateTimeOffset Time, IReadOnlyList<OperatorMetrics> Operators, IReadOnlyList<ChannelMetrics> Channels);
