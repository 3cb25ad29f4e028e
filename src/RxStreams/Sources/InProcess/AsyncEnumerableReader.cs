using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RxStreams.State;

namespace RxStreams.Ingestion;

/// <summary>
/// Reads an <see cref="IAsyncEnumerable{T}"/> in the source's steps without a thread of its own: a <c>MoveNextAsync</c>
/// that completes at once gives its record at once; one that does not is kept, and the source polls it again after its
/// poll interval. With a position (the user's function of the record read last) it is replayable: a restore opens the
/// sequence again at the checkpoint's position; without one it is not.
/// </summary>
internal sealed class AsyncEnumerableReader<T>(Func<CancellationToken, IAsyncEnumerator<T>> open, IPositionKeeper<T>? position) : SourceReader<T>
{
    private readonly CancellationTokenSource _cancel = new();
    private IAsyncEnumerator<T>? _enumerator;
    private Task<bool>? _pending;
    private bool _finished;

    public override bool IsFinished => _finished;

    internal override bool IsReplayable => position is not null;

    public override bool TryRead(out T value)
    {
        value = default!;
        if (_finished)
        {
            return false;
        }

        _enumerator ??= open(_cancel.Token);
        bool hasNext;
        if (_pending is { } pending)
        {
            if (!pending.IsCompleted)
            {
                return false;
            }

            _pending = null;
            hasNext = pending.GetAwaiter().GetResult();
        }
        else
        {
            var next = _enumerator.MoveNextAsync();
            if (!next.IsCompleted)
            {
                _pending = next.AsTask();
                return false;
            }

            hasNext = next.GetAwaiter().GetResult();
        }

        if (!hasNext)
        {
            _finished = true;
            return false;
        }

        value = _enumerator.Current;
        position?.Advance(value);
        return true;
    }

    public override void WritePosition(StateWriter writer) => position?.Write(writer);

    public override void Seek(ref StateReader reader)
    {
        if (position is not null && !reader.IsAtEnd)
        {
            position.Read(ref reader);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _cancel.Cancel();
            if (_enumerator is { } enumerator)
            {
                // An enumerator may not be disposed while a MoveNextAsync is under way: after it, then.
                var pending = _pending ?? Task.FromResult(false);
                _ = pending.ContinueWith(
                    static (_, state) => ((IAsyncEnumerator<T>)state!).DisposeAsync().AsTask(),
                    enumerator,
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default).Unwrap().ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
            }

            _cancel.Dispose();
        }

        base.Dispose(disposing);
    }
}
