using System.Collections.Generic;

namespace RxStreams.Interactive.Timeline;

/// <summary>A record seen on a timeline: when it arrived (its place in arrival order) and its event time.</summary>
/// <param name="Sequence">Its place in arrival order, shared with watermarks and firings.</param>
/// <param name="Timestamp">Its event time.</param>
/// <param name="Label">Its value as text.</param>
/// <param name="Late">True when it arrived behind the watermark seen before it.</param>
/// <param name="Key">Its key as text, when the timeline was told how to key records; null otherwise.</param>
public sealed record TimelineRecord(long Sequence, long Timestamp, string Label, bool Late, string? Key = null);

/// <summary>A watermark seen on a timeline.</summary>
/// <param name="Sequence">Its place in arrival order.</param>
/// <param name="Watermark">Its event time.</param>
public sealed record TimelineWatermark(long Sequence, long Watermark);

/// <summary>A window result seen on a timeline.</summary>
/// <param name="Sequence">Its place in arrival order.</param>
/// <param name="Window">The window that fired.</param>
/// <param name="Firing">Early, on time or late.</param>
/// <param name="Label">The result as text, <c>key=value</c>.</param>
/// <param name="Key">The result's key as text; null for results without a key (<c>WindowAll</c>).</param>
public sealed record TimelineFiring(long Sequence, TimeWindow Window, WindowFiring Firing, string Label, string? Key = null);

/// <summary>
/// What a pipeline did, in arrival order: records with their event times, watermarks, and window firings. Fill it with
/// <c>RecordTimeline</c> on the input and <c>RecordFirings</c> on the window results; the kernel shows it as an SVG
/// chart (event time across, arrival order down). Thread-safe.
/// </summary>
public sealed class EventTimeline
{
    private readonly object _gate = new();
    private readonly List<TimelineRecord> _records = new();
    private readonly List<TimelineWatermark> _watermarks = new();
    private readonly List<TimelineFiring> _firings = new();
    private long _sequence;
    private long _watermark = Watermark.MinValue;

    /// <summary>A title shown above the chart.</summary>
    public string Title { get; init; } = "Event time (across) against arrival order (down)";

    /// <summary>The records so far.</summary>
    public IReadOnlyList<TimelineRecord> Records
    {
        get
        {
            lock (_gate)
            {
                return _records.ToArray();
            }
        }
    }

    /// <summary>The watermarks so far (each higher than the one before).</summary>
    public IReadOnlyList<TimelineWatermark> Watermarks
    {
        get
        {
            lock (_gate)
            {
                return _watermarks.ToArray();
            }
        }
    }

    /// <summary>The window firings so far.</summary>
    public IReadOnlyList<TimelineFiring> Firings
    {
        get
        {
            lock (_gate)
            {
                return _firings.ToArray();
            }
        }
    }

    /// <summary>Adds a record; it is late when its timestamp is below the last watermark added.</summary>
    /// <param name="timestamp">Its event time.</param>
    /// <param name="label">Its value as text.</param>
    /// <param name="key">Its key as text, which gives it its key's colour; null for none.</param>
    public void AddRecord(long timestamp, string label, string? key = null)
    {
        lock (_gate)
        {
            _records.Add(new TimelineRecord(_sequence++, timestamp, label, timestamp < _watermark, key));
        }
    }

    /// <summary>Adds a watermark; one not above the last is ignored, since watermarks never go back.</summary>
    /// <param name="watermark">Its event time.</param>
    public void AddWatermark(long watermark)
    {
        lock (_gate)
        {
            if (watermark > _watermark)
            {
                _watermark = watermark;
                _watermarks.Add(new TimelineWatermark(_sequence++, watermark));
            }
        }
    }

    /// <summary>Adds a window firing.</summary>
    /// <param name="window">The window.</param>
    /// <param name="firing">Early, on time or late.</param>
    /// <param name="label">The result as text.</param>
    /// <param name="key">The result's key as text, which gives the bar its key's colour; null for none.</param>
    public void AddFiring(TimeWindow window, WindowFiring firing, string label, string? key = null)
    {
        lock (_gate)
        {
            _firings.Add(new TimelineFiring(_sequence++, window, firing, label, key));
        }
    }
}
