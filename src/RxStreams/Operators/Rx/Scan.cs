using System;

namespace RxStreams.Operators;

/// <summary>
/// Folds each record into an accumulator and emits the accumulator with the record's timestamp; control elements pass.
/// Without a seed, the first record's value (through <c>first</c>) is the accumulator.
/// </summary>
internal sealed class Scan<T, TAccumulate> : StreamOperator<T, TAccumulate>, IUncheckpointedState
{
    private readonly TAccumulate _seed;
    private readonly Func<T, TAccumulate>? _first;
    private readonly Func<TAccumulate, T, TAccumulate> _accumulator;

    public Scan(IObservable<StreamElement<T>> source, TAccumulate seed, Func<T, TAccumulate>? first, Func<TAccumulate, T, TAccumulate> accumulator)
        : base(source, "Scan")
    {
        _seed = seed;
        _first = first;
        _accumulator = accumulator;
    }

    protected override OperatorSink<T, TAccumulate> CreateSink(IObserver<StreamElement<TAccumulate>> observer) => new Sink(this, observer);

    private sealed class Sink(Scan<T, TAccumulate> parent, IObserver<StreamElement<TAccumulate>> observer)
        : OperatorSink<T, TAccumulate>(observer, parent.Name, null)
    {
        private readonly Func<TAccumulate, T, TAccumulate> _accumulator = parent._accumulator;
        private Func<T, TAccumulate>? _first = parent._first;
        private TAccumulate _accumulate = parent._seed;

        protected override void OnRecord(T value, long timestamp)
        {
            if (_first is not null)
            {
                _accumulate = _first(value);
                _first = null;
            }
            else
            {
                try
                {
                    _accumulate = _accumulator(_accumulate, value);
                }
                catch (Exception ex)
                {
                    Fail(ex, value, timestamp);
                    return;
                }
            }

            Emit(_accumulate, timestamp);
        }
    }
}
