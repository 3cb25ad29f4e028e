using System;
using RxStreams.Operators;

namespace RxStreams.Keyed;

/// <summary>
/// A sink of a keyed operator: extracts each record's key, reporting a throwing selector or a null key as a failure of
/// <c>KeyBy</c>, where the user wrote the selector.
/// </summary>
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
            // The user wrote the selector in KeyBy; the keyed operator that ran it is named in the message.
            key = default!;
            Fail(ex, value, timestamp, "KeyBy", null, null, $"the key selector of {Name} threw {ex.GetType().Name}: {ex.Message}");
            return false;
        }

        if (key is null)
        {
            var error = new NullKeyException("KeyBy", value, timestamp, Name);
            Fail(error, value, timestamp, "KeyBy");
            return false;
        }

        return true;
    }
}
