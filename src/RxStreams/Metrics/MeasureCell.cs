using System;
using System.Threading;

namespace RxStreams;

/// <summary>
/// The counters of one measuring point in one task. Written by that task only (no locks, no interlocked operations);
/// read by snapshots from any thread.
/// </summary>
internal sealed class MeasureCell(string name, StreamMetrics metrics)
{
    private long _records;
    private long _late;
    private long _watermark = RxStreams.Watermark.MinValue;

    public string Name { get; } = name;

    public long Records => Volatile.Read(ref _records);

    public long LateRecords => Volatile.Read(ref _late);

    public long Watermark => Volatile.Read(ref _watermark);

    public LatencyHistogram Latency { get; } = new();

    public void OnRecord(long timestamp)
    {
        Volatile.Write(ref _records, _records + 1);
        if (timestamp < _watermark)
        {
            Volatile.Write(ref _late, _late + 1);
        }
    }

    public void OnWatermark(long watermark)
    {
        if (watermark > _watermark)
        {
            Volatile.Write(ref _watermark, watermark);
        }
    }

    public void OnLatencyMarker(long emittedTicks)
    {
        var latency = TimeSpan.FromTicks(Math.Max(0, metrics.Clock.Now.UtcTicks - emittedTicks));
        Latency.Record(latency);
        metrics.RecordLatency(Name, latency);
    }
}
