using System;
using RxStreams.Checkpoints;
using RxStreams.Operators;
using RxStreams.State;

namespace RxStreams.Keyed;

/// <summary>
/// A rolling aggregation per key: every record updates its key's accumulator and emits the key's new result with the
/// record's timestamp. The function is a type parameter so built-in (struct) functions are inlined by the JIT.
/// </summary>
internal sealed class RollingAggregate<TKey, T, TAcc, TResult, TFunction> : StreamOperator<T, Keyed<TKey, TResult>>, IKeyedNode
    where TKey : notnull
    where TFunction : IAggregateFunction<T, TAcc, TResult>
{
    private readonly KeyedStream<TKey, T> _stream;
    private readonly TFunction _function;

    public RollingAggregate(KeyedStream<TKey, T> stream, TFunction function, string name)
        : base(stream.Source, name)
    {
        _stream = stream;
        _function = function;
    }

    object? IKeyedNode.CustomComparer => _stream.CustomComparer;

    protected override OperatorSink<T, Keyed<TKey, TResult>> CreateSink(IObserver<StreamElement<Keyed<TKey, TResult>>> observer) =>
        new Sink(this, observer);

    private sealed class Sink : KeyedOperatorSink<TKey, T, Keyed<TKey, TResult>>, IKeyedParticipant
    {
        private readonly KeyedState<TKey, TAcc> _state;
        private readonly KeyedStateCheckpoint<TKey, TAcc>? _checkpoint;
        private readonly ParticipantHandle? _checkpoints;
        private TFunction _function;

        public Sink(RollingAggregate<TKey, T, TAcc, TResult, TFunction> parent, IObserver<StreamElement<Keyed<TKey, TResult>>> observer)
            : base(parent._stream, observer, parent.Name)
        {
            _function = parent._function;
            _state = new KeyedState<TKey, TAcc>(parent._stream.Comparer);
            if (JobRuntime.Current is { } job)
            {
                _checkpoint = new KeyedStateCheckpoint<TKey, TAcc>(Name);
                _checkpoints = job.Register(this, Name, parent.Uid);
            }
        }

        public PendingSnapshot Snapshot(long checkpointId) => _checkpoint!.Snapshot(_state.Entries);

        public void Restore(OperatorSnapshot snapshot, TaskInfo task) => _checkpoint!.Restore(snapshot, task, _state.Restore);

        public void NotifyCheckpointComplete(long checkpointId)
        {
        }

        protected override void OnEnd() => _checkpoints?.Finish();

        protected override void OnControl(StreamElement<T> element)
        {
            if (element.Kind == ElementKind.Barrier)
            {
                _checkpoints?.OnBarrier(element.Timestamp);
            }

            Downstream.OnNext(element.AsControl<Keyed<TKey, TResult>>());
        }

        /// <summary>The per-key accumulators of this subscription.</summary>
        public IKeyedStateStore<TKey, TAcc> State => _state;

        protected override void OnBatch(ReadOnlySpan<StreamElement<T>> values) => RunBatch(values, new Records(this));

        private readonly struct Records(Sink sink) : IRecordHandler<T>
        {
            public void OnRecord(T value, long timestamp) => sink.OnRecord(value, timestamp);
        }

        protected override void OnRecord(T value, long timestamp)
        {
            if (!TryGetKey(value, timestamp, out var key))
            {
                return;
            }

            ref var accumulator = ref _state.GetOrAdd(key, out var existed);
            var before = accumulator;
            TResult result;
            try
            {
                if (!existed)
                {
                    accumulator = _function.CreateAccumulator();
                }

                _function.Add(ref accumulator, value);
                result = _function.GetResult(accumulator);
            }
            catch (Exception ex)
            {
                // One record, one outcome: a value-type accumulator goes back to its copy (IAggregateFunction.Add).
                if (existed)
                {
                    accumulator = before;
                }
                else
                {
                    _state.Remove(key);
                }

                FailWithKey(ex, value, timestamp, key);
                return;
            }

            Emit(new Keyed<TKey, TResult>(key, result), timestamp);
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private void FailWithKey(Exception error, T value, long timestamp, TKey key) => Fail(error, value, timestamp, Name, key, null, error.Message);
    }
}
