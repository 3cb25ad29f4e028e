using System;
using System.Collections.Generic;
using System.Reactive.Concurrency;
using RxStreams.Interactive.Live;

namespace RxStreams.Interactive.Charts;

/// <summary>One step of watermark progress: where the stream stood at a moment of processing time (or arrival).</summary>
/// <param name="X">Seconds of processing time since the chart started, or the number of elements seen.</param>
/// <param name="MaxTimestamp">The highest record timestamp so far (<see cref="Watermark.MinValue"/> before any record).</param>
/// <param name="Watermark">The watermark then (<see cref="Watermark.MinValue"/> before the first).</param>
public sealed record WatermarkPoint(double X, long MaxTimestamp, long Watermark);

/// <summary>A record that arrived behind the watermark.</summary>
/// <param name="X">When it arrived, as <see cref="WatermarkPoint.X"/>.</param>
/// <param name="Timestamp">Its event time.</param>
public sealed record LateRecordPoint(double X, long Timestamp);

/// <summary>
/// The state behind a live watermark chart, without any kernel: the highest record timestamp and the watermark as
/// they move along processing time (or along the elements seen), and the records that arrived behind the watermark.
/// The gap between the two lines is the watermark's lag. A point is added only when one of them moves. Thread-safe.
/// </summary>
public sealed class LiveWatermarkChart : LiveTable
{
    private readonly List<WatermarkPoint> _points = new();
    private readonly List<LateRecordPoint> _late = new();
    private readonly IScheduler _clock;
    private readonly DateTimeOffset _start;
    private readonly int _maxPoints;
    private long _elements;

    /// <summary>Creates an empty chart.</summary>
    /// <param name="clock">The processing-time clock; its time at creation is 0 s.</param>
    /// <param name="byArrival">True to place points by the number of elements seen instead of processing time (for a source replayed at once).</param>
    /// <param name="maxPoints">The most points kept; older ones are dropped.</param>
    public LiveWatermarkChart(IScheduler clock, bool byArrival = false, int maxPoints = 2000)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 1);
        _clock = clock;
        _start = clock.Now;
        ByArrival = byArrival;
        _maxPoints = maxPoints;
    }

    /// <summary>True when points are placed by the number of elements seen, false by processing time.</summary>
    public bool ByArrival { get; }

    /// <summary>The highest record timestamp so far.</summary>
    public long MaxTimestamp { get; private set; } = RxStreams.Watermark.MinValue;

    /// <summary>Records seen so far.</summary>
    public long Records { get; private set; }

    /// <summary>Records that arrived behind the watermark so far.</summary>
    public long Late { get; private set; }

    /// <summary>The lag of the watermark behind the highest record timestamp, while both are finite.</summary>
    public TimeSpan? Lag =>
        MaxTimestamp != RxStreams.Watermark.MinValue && Watermark != RxStreams.Watermark.MinValue && Watermark != RxStreams.Watermark.MaxValue
            ? TimeSpan.FromMilliseconds(Math.Max(0, MaxTimestamp - Watermark))
            : null;

    /// <summary>The progress steps, oldest first.</summary>
    public IReadOnlyList<WatermarkPoint> Points
    {
        get
        {
            lock (Gate)
            {
                return _points.ToArray();
            }
        }
    }

    /// <summary>The records that arrived behind the watermark, oldest first (at most as many as the points kept).</summary>
    public IReadOnlyList<LateRecordPoint> LatePoints
    {
        get
        {
            lock (Gate)
            {
                return _late.ToArray();
            }
        }
    }

    /// <summary>Applies one element: a record may raise the highest timestamp or be late, a watermark moves the watermark.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="element">The element.</param>
    public void Apply<T>(StreamElement<T> element)
    {
        lock (Gate)
        {
            _elements++;
            var x = ByArrival ? _elements : (_clock.Now - _start).TotalSeconds;
            if (element.IsRecord)
            {
                Records++;
                Results++;
                if (element.Timestamp < Watermark)
                {
                    Late++;
                    Keep(_late, new LateRecordPoint(x, element.Timestamp));
                    NextVersion();
                }
                else if (element.Timestamp > MaxTimestamp)
                {
                    MaxTimestamp = element.Timestamp;
                    Step(new WatermarkPoint(x, MaxTimestamp, Watermark));
                    NextVersion();
                }
            }
            else if (element.IsWatermark && element.Timestamp > Watermark)
            {
                AdvanceWatermark(element.Timestamp);
                Step(new WatermarkPoint(x, MaxTimestamp, Watermark));
            }
        }
    }

    /// <inheritdoc />
    public override string ToHtml(string? title, int maxRows, long freshSince) =>
        PlotlyHtml.Figure(WatermarkChartFigure.Build(this, title), WatermarkChartFigure.Summary(this));

    /// <inheritdoc />
    public override string ToText() => "watermark chart: " + WatermarkChartFigure.Summary(this) + "\n";

    // A step at the same x as the last one (a record and the watermark it lets through, at one processing time)
    // replaces it: the chart shows the state after both.
    private void Step(WatermarkPoint point)
    {
        if (_points.Count > 0 && _points[^1].X == point.X)
        {
            _points[^1] = point;
        }
        else
        {
            Keep(_points, point);
        }
    }

    private void Keep<TPoint>(List<TPoint> points, TPoint point)
    {
        points.Add(point);
        if (points.Count > _maxPoints)
        {
            points.RemoveAt(0);
        }
    }
}
