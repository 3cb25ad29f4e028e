using System;
using System.Collections.Generic;

namespace RxStreams.Operators;

/// <summary>
/// Passes a record only when its key differs from the previous record's, with its own timestamp; control elements
/// always pass and do not count as a change.
/// </summary>
internal sealed class DistinctUntilChanged<T, TKey> : StreamOperator<T, T>, IUncheckpointedState
{
    private readonly Func<T, TKey> _keySelector;
    private readonly IEqualityComparer<TKey> _comparer;

    public DistinctUntilChanged(IObservable<StreamElement<T>> source, Func<T, TKey> keySelector, IEqualityComparer<TKey> comparer)
        : base(source, "DistinctUntilChanged")
    {
        _keySelector = keySelector;
        _comparer = comparer;
    }

    protected override OperatorSink<T, T> CreateSink(IObserver<StreamElement<T>> observer) => new Sink(this, observer);

    private sealed class Sink(DistinctUntilChanged<T, TKey> parent, IObserver<StreamElement<T>> observer) : OperatorSink<T, T>(observer, parent.Name, null)
    {
        private readonly Func<T, TKey> _keySelector = parent._keySelector;
        private readonly IEqualityComparer<TKey> _comparer = parent._comparer;
        private TKey _last = default!;
        private bool _hasLast;

        protected override void OnRecord(T value, long timestamp)
        {
            bool changed;
            try
            {
                var key = _keySelector(value);
                changed = !_hasLast || !_comparer.Equals(_last, key);
                _last = key;
            }
            catch (Exception ex)
            {
                Fail(ex, value, timestamp);
                return;
            }

            _hasLast = true;
            if (changed)
            {
                Emit(value, timestamp);
            }
        }
    }
}
