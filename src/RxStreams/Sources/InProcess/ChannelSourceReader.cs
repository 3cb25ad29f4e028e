using System;
using System.Threading.Channels;
using RxStreams.State;

namespace RxStreams.Ingestion;

/// <summary>
/// Reads a <see cref="ChannelReader{T}"/> in the source's steps with <c>TryRead</c>: what is in the channel now is read
/// at once, an empty channel is polled again after the poll interval, and a completed channel ends the source (with
/// the channel's error, if it completed with one). With a position it is replayable: a restore opens a channel at the
/// checkpoint's position; without one it is not, and a restarted job reads on from the same channel.
/// </summary>
internal sealed class ChannelSourceReader<T>(Func<ChannelReader<T>> open, IPositionKeeper<T>? position) : SourceReader<T>
{
    private ChannelReader<T>? _channel;
    private bool _finished;

    public override bool IsFinished => _finished;

    internal override bool IsReplayable => position is not null;

    public override bool TryRead(out T value)
    {
        if (_finished)
        {
            value = default!;
            return false;
        }

        _channel ??= open();
        if (_channel.TryRead(out value!))
        {
            position?.Advance(value);
            return true;
        }

        // Completion completes only once the channel is empty, so nothing written before it is missed.
        if (_channel.Completion.IsCompleted)
        {
            _finished = true;
            _channel.Completion.GetAwaiter().GetResult();
        }

        return false;
    }

    public override void WritePosition(StateWriter writer) => position?.Write(writer);

    public override void Seek(ref StateReader reader)
    {
        if (position is not null && !reader.IsAtEnd)
        {
            position.Read(ref reader);
        }
    }
}
