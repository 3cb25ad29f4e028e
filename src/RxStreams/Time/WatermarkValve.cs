using System;

namespace RxStreams.Time;

/// <summary>
/// Combines the watermarks and idle/active statuses of several input channels into one output, as Flink's
/// <c>StatusWatermarkValve</c>: the output watermark is the minimum over active, aligned channels and never goes back;
/// an idle channel does not hold it back; the output is idle only when every channel is; a completed channel counts as
/// <see cref="Watermark.MaxValue"/>. A channel that comes back from idleness behind the output rejoins the minimum only
/// once its watermark catches up. Not thread-safe: callers serialize.
/// </summary>
internal sealed partial class WatermarkValve
{
    private readonly long[] _watermarks;
    private readonly bool[] _idle;
    private readonly bool[] _aligned;
    private bool _outputIdle;

    public WatermarkValve(int channels)
    {
        _watermarks = new long[channels];
        _idle = new bool[channels];
        _aligned = new bool[channels];
        for (var i = 0; i < channels; i++)
        {
            _watermarks[i] = Watermark.MinValue;
            _aligned[i] = true;
        }

        Output = Watermark.MinValue;
    }

    /// <summary>The last watermark emitted.</summary>
    public long Output { get; private set; }

    /// <summary>True while every channel is idle.</summary>
    public bool IsIdle => _outputIdle;

    /// <summary>A channel's watermark arrived; returns true when the output watermark advanced to <see cref="Output"/>.</summary>
    public bool OnWatermark(int channel, long watermark)
    {
        if (watermark <= _watermarks[channel])
        {
            return false;
        }

        _watermarks[channel] = watermark;
        if (!_aligned[channel] && watermark >= Output)
        {
            _aligned[channel] = true;
        }

        return !_idle[channel] && _aligned[channel] && Advance();
    }

    /// <summary>
    /// A channel went idle. Returns true when the output watermark advanced. When it was the last active channel, the
    /// output becomes idle (see <see cref="IsIdle"/>) after advancing to the highest watermark of any channel, as Flink does.
    /// </summary>
    public bool OnIdle(int channel)
    {
        if (_idle[channel])
        {
            return false;
        }

        _idle[channel] = true;
        if (!AllIdle())
        {
            return Advance();
        }

        _outputIdle = true;
        var max = Watermark.MinValue;
        foreach (var w in _watermarks)
        {
            max = w > max ? w : max;
        }

        if (max > Output)
        {
            Output = max;
            return true;
        }

        return false;
    }

    /// <summary>A channel became active again; returns true when the output turns from idle to active.</summary>
    public bool OnActive(int channel)
    {
        if (!_idle[channel])
        {
            return false;
        }

        _idle[channel] = false;
        _aligned[channel] = _watermarks[channel] >= Output;
        if (_outputIdle)
        {
            _outputIdle = false;
            return true;
        }

        return false;
    }

    /// <summary>
    /// A channel ended; from now on it is an active channel at <see cref="Watermark.MaxValue"/>, so it never holds the
    /// watermark back and the output is no longer idle. Returns true when the output watermark advanced.
    /// </summary>
    public bool OnCompleted(int channel)
    {
        _outputIdle = false;
        _idle[channel] = false;
        _aligned[channel] = true;
        _watermarks[channel] = Watermark.MaxValue;
        return Advance();
    }

    private bool AllIdle()
    {
        foreach (var idle in _idle)
        {
            if (!idle)
            {
                return false;
            }
        }

        return true;
    }

    private bool Advance()
    {
        var min = Watermark.MaxValue;
        var any = false;
        for (var i = 0; i < _watermarks.Length; i++)
        {
            if (!_idle[i] && _aligned[i])
            {
                any = true;
                min = _watermarks[i] < min ? _watermarks[i] : min;
            }
        }

        if (any && min > Output)
        {
            Output = min;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Passes one element of <paramref name="channel"/> downstream through the valve: records as they are (turning
    /// the output active first if it was idle), watermarks and statuses only when the combined output changes,
    /// anything else (barriers, markers) as it is.
    /// </summary>
    public void Push<T>(int channel, in StreamElement<T> element, IObserver<StreamElement<T>> downstream)
    {
        switch (element.Kind)
        {
            case ElementKind.Record:
                if (OnActive(channel))
                {
                    downstream.OnNext(StreamElement.Active<T>());
                }

                downstream.OnNext(element);
                break;
            case ElementKind.Watermark:
                if (OnActive(channel))
                {
                    downstream.OnNext(StreamElement.Active<T>());
                }

                if (OnWatermark(channel, element.Timestamp))
                {
                    downstream.OnNext(StreamElement.Watermark<T>(Output));
                }

                break;
            case ElementKind.Idle:
                var wasIdle = IsIdle;
                if (OnIdle(channel))
                {
                    downstream.OnNext(StreamElement.Watermark<T>(Output));
                }

                // Only the turn to idle is forwarded: a repeated Idle from an input must not repeat it.
                if (!wasIdle && IsIdle)
                {
                    downstream.OnNext(StreamElement.Idle<T>());
                }

                break;
            case ElementKind.Active:
                if (OnActive(channel))
                {
                    downstream.OnNext(StreamElement.Active<T>());
                }

                break;
            default:
                downstream.OnNext(element);
                break;
        }
    }

    /// <summary>Marks <paramref name="channel"/> completed and emits what that changes downstream (active status, watermark).</summary>
    public void Complete<T>(int channel, IObserver<StreamElement<T>> downstream)
    {
        var wasIdle = IsIdle;
        var advanced = OnCompleted(channel);
        if (wasIdle)
        {
            downstream.OnNext(StreamElement.Active<T>());
        }

        if (advanced)
        {
            downstream.OnNext(StreamElement.Watermark<T>(Output));
        }
    }
}
