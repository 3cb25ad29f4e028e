using System;
using System.Collections.Generic;

namespace RxStreams.Operators;

/// <summary>
/// Maps each record to a sequence and emits every (record, item) pair through a result selector, all with the
/// record's timestamp. Backs both <c>SelectMany</c> overloads and query syntax with two <c>from</c> clauses.
/// </summary>
internal sealed class SelectMany<TIn, TItem, TOut> : StreamOperator<TIn, TOut>
{
    private readonly Func<TIn, IEnumerable<TItem>> _collectionSelector;
    private readonly Func<TIn, TItem, TOut> _resultSelector;
    private readonly DeadLetters? _deadLetters;

    public SelectMany(
        IObservable<StreamElement<TIn>> source,
        Func<TIn, IEnumerable<TItem>> collectionSelector,
        Func<TIn, TItem, TOut> resultSelector,
        DeadLetters? deadLetters)
        : base(source, "SelectMany")
    {
        _collectionSelector = collectionSelector;
        _resultSelector = resultSelector;
        _deadLetters = deadLetters;
    }

    protected override OperatorSink<TIn, TOut> CreateSink(IObserver<StreamElement<TOut>> observer) => new Sink(this, observer);

    private sealed class Sink : OperatorSink<TIn, TOut>
    {
        private readonly SelectMany<TIn, TItem, TOut> _parent;

        public Sink(SelectMany<TIn, TItem, TOut> parent, IObserver<StreamElement<TOut>> observer)
            : base(observer, parent.Name, parent._deadLetters) => _parent = parent;

        protected override void OnBatch(ReadOnlySpan<StreamElement<TIn>> values) => RunBatch(values, new Records(this));

        private readonly struct Records(Sink sink) : IRecordHandler<TIn>
        {
            public void OnRecord(TIn value, long timestamp) => sink.OnRecord(value, timestamp);
        }

        protected override void OnRecord(TIn value, long timestamp)
        {
            // The user's enumerable is consumed item by item so a failure part-way still emits the items before it,
            // exactly once, and reports the record that failed.
            IEnumerator<TItem> items;
            try
            {
                items = (_parent._collectionSelector(value) ?? throw new InvalidOperationException("the collection selector returned null.")).GetEnumerator();
            }
            catch (Exception ex)
            {
                Fail(ex, value, timestamp);
                return;
            }

            using (items)
            {
                while (true)
                {
                    TOut result;
                    try
                    {
                        if (!items.MoveNext())
                        {
                            return;
                        }

                        result = _parent._resultSelector(value, items.Current);
                    }
                    catch (Exception ex)
                    {
                        Fail(ex, value, timestamp);
                        return;
                    }

                    Emit(result, timestamp);
                }
            }
        }
    }
}
