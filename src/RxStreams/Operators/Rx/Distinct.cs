using System;
using System.Collections.Generic;

namespace RxStreams.Operators;

/// <summary>
/// Passes a record only when its key was not seen before, with its own timestamp; control elements always pass. The
/// seen keys are kept for the life of the subscription.
/// </summary>
internal sealed class Distinct<T, TKey> : StreamOperator<T, T>, IUncheckpointedState
{
    private readonly Func<T, TKey> _keySelector;
    private readonly IEqualityComparer<TKey> _comparer;

    public Distinct(IObservable<StreamElement<T>> source, Func<T, TKey> keySelector, IEqualityComparer<TKey> comparer)
        : base(source, "Distinct")
    {
        _keySelector = keySelector;
        _comparer = comparer;
    }

    protected override OperatorSink<T, T> CreateSink(IObserver<StreamElement<T>> observer) => new Sink(this, observer);

    private sealed class Sink(Distinct<T, TKey> parent, IObserver<StreamElement<T>> observer) : OperatorSink<T, T>(observer, parent.Name, null)
    {
        private readonly Func<T, TKey> _keySelector = parent._keySelector;
        private readonly HashSet<TKey> _seen = new(parent._comparer);

        protected override void OnRecord(T value, long timestamp)
        {
            bool added;
            try
            {
                added = _seen.Add(_keySelector(value));
            }
            catch (Exception ex)
            {
                Fail(ex, value, timestamp);
                return;
            }

            if (added)
            {
                Emit(value, timestamp);
            }
        }
    }
}
