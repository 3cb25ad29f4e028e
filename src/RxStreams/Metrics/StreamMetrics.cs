using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using RxStreams.Exchanges;

namespace RxStreams;

/// <summary>
/// The measurements of a pipeline: measuring points placed with <c>Measure</c>, and the channels of parallel
/// exchanges registered by <c>ParallelStream.Merge(metrics)</c>. Read them as a <see cref="Snapshot"/>, as a live
/// <see cref="Snapshots"/> stream, or through <see cref="System.Diagnostics.Metrics"/> instruments on the meter
/// <see cref="MeterName"/> (for <c>dotnet-counters</c> and OpenTelemetry). Times come from a processing-time scheduler,
/// so a <c>TestScheduler</c> makes every figure deterministic.
/// </summary>
public sealed class StreamMetrics : IDisposable
{
    /// <summary>The name of the <see cref="Meter"/> that publishes RxStreams instruments.</summary>
    public const string MeterName = "RxStreams";

    private readonly object _gate = new();
    private readonly List<MeasureCell> _cells = new();
    private readonly List<IChannelStatistics> _channels = new();
    private readonly Dictionary<string, (long Records, DateTimeOffset Time)> _previous = new();
    private readonly Meter _meter;
    private readonly Histogram<double> _latency;
    private readonly DateTimeOffset _created;
    private readonly KeyValuePair<string, object?> _tag;

    /// <summary>Creates the metrics of one pipeline.</summary>
    /// <param name="clock">The processing-time clock for throughput, watermark lag and latency.</param>
    /// <param name="pipeline">The pipeline's name, a tag on every instrument.</param>
    public StreamMetrics(IScheduler clock, string pipeline = "pipeline")
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(pipeline);
        Clock = clock;
        Pipeline = pipeline;
        _created = clock.Now;
        _meter = new Meter(MeterName);
        var tag = new KeyValuePair<string, object?>("pipeline", pipeline);
        _meter.CreateObservableCounter("rxstreams.records", () => Measure(s => s.Records), "{record}", "Records that passed a measuring point.");
        _meter.CreateObservableCounter("rxstreams.records.late", () => Measure(s => s.LateRecords), "{record}", "Records behind the watermark at a measuring point.");
        _meter.CreateObservableGauge("rxstreams.watermark.lag", () => MeasureLag(), "ms", "Processing time minus watermark at a measuring point.");
        _meter.CreateObservableGauge("rxstreams.channel.occupancy", () => MeasureChannels(c => c.Occupancy), "{element}", "Elements waiting in an exchange channel.");
        _meter.CreateObservableCounter("rxstreams.channel.dropped", () => MeasureChannels(c => c.Dropped), "{record}", "Records dropped by an exchange's overflow policy.");
        _latency = _meter.CreateHistogram<double>("rxstreams.latency", "ms", "Latency-marker latency from the source to a measuring point.");
        _tag = tag;
    }

    /// <summary>The processing-time clock.</summary>
    public IScheduler Clock { get; }

    /// <summary>The pipeline's name.</summary>
    public string Pipeline { get; }

    /// <summary>
    /// Every measuring point and channel now. Throughput is measured since the previous snapshot (or since creation);
    /// measuring points with the same name (one per parallel task) are summed, their watermark is the minimum.
    /// </summary>
    public MetricsSnapshot Snapshot() => Build(advanceBaseline: true);

    private MetricsSnapshot Build(bool advanceBaseline)
    {
        lock (_gate)
        {
            var now = Clock.Now;
            var operators = new List<OperatorMetrics>();
            var byName = new Dictionary<string, List<MeasureCell>>();
            var order = new List<string>();
            foreach (var cell in _cells)
            {
                if (!byName.TryGetValue(cell.Name, out var list))
                {
                    byName[cell.Name] = list = new List<MeasureCell>();
                    order.Add(cell.Name);
                }

                list.Add(cell);
            }

            foreach (var name in order)
            {
                var cells = byName[name];
                long records = 0, late = 0;
                var watermark = long.MaxValue;
                var histogram = new LatencyHistogram(cells[0].Latency.Capacity * cells.Count);
                foreach (var cell in cells)
                {
                    records += cell.Records;
                    late += cell.LateRecords;
                    watermark = Math.Min(watermark, cell.Watermark);
                    cell.Latency.CopyTo(histogram);
                }

                var (previousRecords, previousTime) = _previous.TryGetValue(name, out var p) ? p : (0L, _created);
                var seconds = (now - previousTime).TotalSeconds;
                var throughput = seconds > 0 ? (records - previousRecords) / seconds : 0;
                if (advanceBaseline)
                {
                    _previous[name] = (records, now);
                }

                TimeSpan? lag = watermark == Watermark.MinValue || watermark == Watermark.MaxValue
                    ? null
                    : TimeSpan.FromMilliseconds(now.ToUnixTimeMilliseconds() - watermark);
                operators.Add(new OperatorMetrics(name, records, throughput, late, watermark, lag, histogram.Percentiles()));
            }

            var channels = new List<ChannelMetrics>(_channels.Count);
            foreach (var c in _channels)
            {
                channels.Add(new ChannelMetrics(c.Name, c.Capacity, c.Occupancy, c.MaxOccupancy, c.Transferred, c.Dropped, c.BlockedTime));
            }

            return new MetricsSnapshot(now, operators, channels);
        }
    }

    /// <summary>A snapshot every <paramref name="interval"/> of the clock, for a console or a notebook to show live.</summary>
    /// <param name="interval">The period; positive.</param>
    public IObservable<MetricsSnapshot> Snapshots(TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "The snapshot interval must be positive.");
        }

        return Observable.Interval(interval, Clock).Select(_ => Snapshot());
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    internal MeasureCell Register(string name)
    {
        var cell = new MeasureCell(name, this);
        lock (_gate)
        {
            _cells.Add(cell);
        }

        return cell;
    }

    internal void Register(IEnumerable<IChannelStatistics> channels)
    {
        lock (_gate)
        {
            _channels.AddRange(channels);
        }
    }

    internal void RecordLatency(string name, TimeSpan latency) =>
        _latency.Record(latency.TotalMilliseconds, _tag, new KeyValuePair<string, object?>("operator", name));

    private List<Measurement<long>> Measure(Func<OperatorMetrics, long> value)
    {
        var result = new List<Measurement<long>>();
        foreach (var op in Peek().Operators)
        {
            result.Add(new Measurement<long>(value(op), _tag, new KeyValuePair<string, object?>("operator", op.Name)));
        }

        return result;
    }

    private List<Measurement<double>> MeasureLag()
    {
        var result = new List<Measurement<double>>();
        foreach (var op in Peek().Operators)
        {
            if (op.WatermarkLag is { } lag)
            {
                result.Add(new Measurement<double>(lag.TotalMilliseconds, _tag, new KeyValuePair<string, object?>("operator", op.Name)));
            }
        }

        return result;
    }

    private List<Measurement<long>> MeasureChannels(Func<IChannelStatistics, long> value)
    {
        var result = new List<Measurement<long>>();
        lock (_gate)
        {
            foreach (var c in _channels)
            {
                result.Add(new Measurement<long>(value(c), _tag, new KeyValuePair<string, object?>("channel", c.Name)));
            }
        }

        return result;
    }

    /// <summary>A snapshot that does not move the throughput baseline (for instruments).</summary>
    private MetricsSnapshot Peek() => Build(advanceBaseline: false);
}
