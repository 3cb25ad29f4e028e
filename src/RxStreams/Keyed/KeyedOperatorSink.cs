using System;
using RxStreams.Operators;

namespace RxStreams.Keyed;

/// <summary>A sink of a keyed operator: extracts each record's key, reporting a throwing selector or a null key.</summary>
internal abstract class KeyedOperatorSink<TKey, TIn, TOut> : OperatorSink<TIn, TOut>
    where TKey : notnull
{
    private readonly Func<TIn, TKey> _keySelector;

    protected KeyedOperatorSink(KeyedStream<TKey, TIn> stream, IObserver<StreamElement<TOut>> downstream, string name)
        : base(downstream, name, stream.DeadLetters) => _keySelector = stream.KeySelector;

    /// <summary>The record's key; false (after reporting the failure) when there is none.</summary>
    protected bool TryGetKey(TIn value, long timestamp, out TKey key)
    {
        try
        {
            key = _keySelector(value);
        }
        catch (Exception ex)
        {
            key = default!;
            Fail(ex, value, timestamp);
            return false;
        }

        if (key is null)
        {
            Fail(new NullKeyException(Name, value, timestamp), value, timestamp);
            return false;
        }

        return true;
    }
}
