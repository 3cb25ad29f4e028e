using System;

namespace RxStreams.Operators;

/// <summary>Keeps the records that satisfy a predicate; control elements always pass.</summary>
internal sealed class Where<T> : StreamOperator<T, T>
{
    private readonly Func<T, bool> _predicate;
    private readonly DeadLetters? _deadLetters;

    public Where(IObservable<StreamElement<T>> source, Func<T, bool> predicate, DeadLetters? deadLetters)
        : base(source, "Where")
    {
        _predicate = predicate;
        _deadLetters = deadLetters;
    }

    /// <summary>A <c>Select</c> after this filter, fused into one operator when both report failures to the same place.</summary>
    public IObservable<StreamElement<TResult>> Select<TResult>(Func<T, TResult> selector, DeadLetters? deadLetters) =>
        ReferenceEquals(deadLetters, _deadLetters)
            ? new WhereSelect<T, TResult>(Source, _predicate, selector, deadLetters)
            : new Select<T, TResult>(this, selector, deadLetters);

    protected override OperatorSink<T, T> CreateSink(IObserver<StreamElement<T>> observer) => new Sink(this, observer);

    private sealed class Sink : OperatorSink<T, T>
    {
        private readonly Func<T, bool> _predicate;

        public Sink(Where<T> parent, IObserver<StreamElement<T>> observer)
            : base(observer, parent.Name, parent._deadLetters) => _predicate = parent._predicate;

        protected override void OnBatch(ReadOnlySpan<StreamElement<T>> values) => RunBatch(values, new Records(this));

        private readonly struct Records(Sink sink) : IRecordHandler<T>
        {
            public void OnRecord(T value, long timestamp) => sink.OnRecord(value, timestamp);
        }

        protected override void OnRecord(T value, long timestamp)
        {
            bool keep;
            try
            {
                keep = _predicate(value);
            }
            catch (Exception ex)
            {
                Fail(ex, value, timestamp);
                return;
            }

            if (keep)
            {
                Emit(value, timestamp);
            }
        }
    }
}
