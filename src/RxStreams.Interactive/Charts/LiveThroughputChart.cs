using System;
using System.Collections.Generic;
using System.Reactive.Concurrency;
using RxStreams.Interactive.Live;

namespace RxStreams.Interactive.Charts;

/// <summary>The records of one interval of processing time.</summary>
/// <param name="End">The interval's end, in seconds of processing time since the chart started.</param>
/// <param name="Records">The records that arrived in it.</param>
/// <param name="Late">Those of them that arrived behind the watermark.</param>
public sealed record ThroughputPoint(double End, long Records, long Late);

/// <summary>
/// The state behind a live throughput chart, without any kernel: the records of an event-time stream counted per
/// interval of processing time (on the chart's clock), and how many of them arrived behind the watermark. Intervals
/// are counted from the chart's start; one without records is a zero, not a gap. Thread-safe.
/// </summary>
public sealed class LiveThroughputChart : LiveTable
{
    private readonly List<ThroughputPoint> _points = new();
    private readonly IScheduler _clock;
    private readonly DateTimeOffset _start;
    private readonly int _maxPoints;
    private long _interval = -1;
    private long _records;
    private long _late;

    /// <summary>Creates an empty chart.</summary>
    /// <param name="clock">The processing-time clock; its time at creation is 0 s.</param>
    /// <param name="interval">The interval records are counted over; at least 1 ms.</param>
    /// <param name="maxPoints">The most intervals kept; older ones are dropped.</param>
    public LiveThroughputChart(IScheduler clock, TimeSpan interval, int maxPoints = 2000)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.FromMilliseconds(1));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 1);
        _clock = clock;
        _start = clock.Now;
        Interval = interval;
        _maxPoints = maxPoints;
    }

    /// <summary>The interval records are counted over.</summary>
    public TimeSpan Interval { get; }

    /// <summary>Records seen so far.</summary>
    public long Records { get; private set; }

    /// <summary>Records that arrived behind the watermark so far.</summary>
    public long Late { get; private set; }

    /// <summary>The intervals that ended, oldest first, then the one under way (if it has records).</summary>
    public IReadOnlyList<ThroughputPoint> Points
    {
        get
        {
            lock (Gate)
            {
                var points = new List<ThroughputPoint>(_points);
                if (_interval >= 0 && _records > 0)
                {
                    points.Add(Point(_interval, _records, _late));
                }

                return points;
            }
        }
    }

    /// <summary>Applies one element: a record is counted in the interval of the clock's time now, a watermark moves the watermark.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="element">The element.</param>
    public void Apply<T>(StreamElement<T> element)
    {
        lock (Gate)
        {
            if (element.IsWatermark)
            {
                AdvanceWatermark(element.Timestamp);
                return;
            }

            if (!element.IsRecord)
            {
                return;
            }

            MoveTo((_clock.Now - _start).Ticks / Interval.Ticks);
            var late = element.Timestamp < Watermark;
            Records++;
            Results++;
            _records++;
            if (late)
            {
                Late++;
                _late++;
            }

            NextVersion();
        }
    }

    /// <inheritdoc />
    public override string ToHtml(string? title, int maxRows, long freshSince) =>
        PlotlyHtml.Figure(ThroughputChartFigure.Build(this, title), ThroughputChartFigure.Summary(this));

    /// <inheritdoc />
    public override string ToText() => "throughput chart: " + ThroughputChartFigure.Summary(this) + "\n";

    // Under the gate: closes the intervals before `interval`, zeros included.
    private void MoveTo(long interval)
    {
        if (_interval < 0)
        {
            _interval = interval;
            return;
        }

        for (; _interval < interval; _interval++)
        {
            _points.Add(Point(_interval, _records, _late));
            if (_points.Count > _maxPoints)
            {
                _points.RemoveAt(0);
            }

            _records = 0;
            _late = 0;
        }
    }

    private ThroughputPoint Point(long interval, long records, long late) =>
        new((interval + 1) * Interval.TotalSeconds, records, late);
}
