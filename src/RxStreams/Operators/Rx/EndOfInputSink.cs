using System;

namespace RxStreams.Operators;

/// <summary>
/// A sink that acts once its input has ended — when <c>Wmax</c> arrives (before passing it on), or at completion when
/// no <c>Wmax</c> came — and that may end the stream early, the way a bounded source does: <c>Wmax</c>, then completion.
/// </summary>
internal abstract class EndOfInputSink<TIn, TOut> : OperatorSink<TIn, TOut>
{
    private bool _ended;

    protected EndOfInputSink(IObserver<StreamElement<TOut>> downstream, string name)
        : base(downstream, name, null)
    {
    }

    /// <summary>
    /// The timestamp of a result emitted at the end of input: the last millisecond before <c>Wmax</c>, which is a
    /// global window's <see cref="TimeWindow.MaxTimestamp"/>, so the result is on time for every operator downstream.
    /// </summary>
    public const long ResultTimestamp = Watermark.MaxValue - 1;

    protected sealed override void OnControl(StreamElement<TIn> element)
    {
        if (element.Kind == ElementKind.Watermark && element.Timestamp == Watermark.MaxValue && !_ended)
        {
            _ended = true;
            OnEndOfInput();
            if (IsStopped)
            {
                return;
            }
        }

        Downstream.OnNext(element.AsControl<TOut>());
    }

    protected sealed override void OnEnd()
    {
        if (!_ended)
        {
            _ended = true;
            OnEndOfInput();
        }
    }

    /// <summary>The input ended: emit what is held (before <c>Wmax</c> passes on).</summary>
    protected virtual void OnEndOfInput()
    {
    }

    /// <summary>Ends the output before the input has: <c>Wmax</c> (unless it passed already), then completion.</summary>
    protected void EndEarly()
    {
        if (!_ended)
        {
            _ended = true;
            Downstream.OnNext(StreamElement.Watermark<TOut>(Watermark.MaxValue));
        }

        Complete();
    }
}
