using System;
using System.Runtime.CompilerServices;
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

    /// <summary>The user's key selector, for operators that call it in their own loop (they report failures as <see cref="TryGetKey"/> does).</summary>
    protected Func<TIn, TKey> KeySelector => _keySelector;

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
            FailKeySelector(ex, value, timestamp);
            return false;
        }

        if (key is null)
        {
            FailNullKey(value, timestamp);
            return false;
        }

        return true;
    }

    // The failure paths stay out of TryGetKey, so that it stays small enough to inline into the per-record path.
    [MethodImpl(MethodImplOptions.NoInlining)]
    protected void FailKeySelector(Exception error, TIn value, long timestamp) =>
        Fail(error, value, timestamp, "KeyBy", null, null, $"the key selector of {Name} threw {error.GetType().Name}: {error.Message}");

    [MethodImpl(MethodImplOptions.NoInlining)]
    protected void FailNullKey(TIn value, long timestamp) =>
        Fail(new NullKeyException("KeyBy", value, timestamp, Name), value, timestamp, "KeyBy");
}
