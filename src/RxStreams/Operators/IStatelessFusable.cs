using System;

namespace RxStreams.Operators;

/// <summary>
/// A stream that can absorb a <c>Where</c> or <c>Select</c> applied to it into itself (the element type it reads is
/// hidden behind it). It falls back to a separate operator itself when it cannot, e.g. when the two would report
/// failures to different dead letters.
/// </summary>
internal interface IStatelessFusable<T>
{
    IObservable<StreamElement<T>> Where(Func<T, bool> predicate, DeadLetters? deadLetters);

    IObservable<StreamElement<TResult>> Select<TResult>(Func<T, TResult> selector, DeadLetters? deadLetters);
}
