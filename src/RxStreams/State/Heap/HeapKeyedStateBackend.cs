using System.Collections.Generic;
using System.Reactive.Concurrency;

namespace RxStreams.State;

/// <summary>
/// The keyed state of one operator subscription on the heap (Flink's <c>HeapKeyedStateBackend</c>): each declared
/// state a copy-on-write table by key, so the synchronous part of a snapshot is cheap.
/// </summary>
internal sealed class HeapKeyedStateBackend<TKey> : KeyedStateBackend<TKey>
    where TKey : notnull
{
    public HeapKeyedStateBackend(IEqualityComparer<TKey> comparer, string operatorName, IScheduler? clock)
        : base(comparer, operatorName, clock)
    {
    }

    protected override (IStateTable<TKey> Table, ValueState<T> Handle) CreateValueState<T>(ValueStateDescriptor<T> descriptor)
    {
        var table = new HeapStateTable<TKey, T>(this, descriptor, serializer: descriptor.Serializer);
        return (table, new HeapValueState<TKey, T>(table, descriptor));
    }

    protected override (IStateTable<TKey> Table, ListState<T> Handle) CreateListState<T>(ListStateDescriptor<T> descriptor)
    {
        var table = new HeapStateTable<TKey, List<T>>(
            this, descriptor, serializer: descriptor.ElementSerializer is { } element ? (IStateSerializer<List<T>>)(object)new ListSerializer<T>(element) : null);
        return (table, new HeapListState<TKey, T>(table, descriptor));
    }

    protected override (IStateTable<TKey> Table, MapState<TUserKey, TUserValue> Handle) CreateMapState<TUserKey, TUserValue>(MapStateDescriptor<TUserKey, TUserValue> descriptor)
    {
        var table = new HeapStateTable<TKey, Dictionary<TUserKey, TUserValue>>(
            this,
            descriptor,
            map => ReferenceEquals(map.Comparer, descriptor.Comparer) ? map : new Dictionary<TUserKey, TUserValue>(map, descriptor.Comparer),
            descriptor.KeySerializer is null && descriptor.ValueSerializer is null
                ? null
                : (IStateSerializer<Dictionary<TUserKey, TUserValue>>)(object)new DictionarySerializer<TUserKey, TUserValue>(
                    descriptor.KeySerializer ?? StateSerializers.Get<TUserKey>(), descriptor.ValueSerializer ?? StateSerializers.Get<TUserValue>()));
        return (table, new HeapMapState<TKey, TUserKey, TUserValue>(table, descriptor));
    }

    protected override (IStateTable<TKey> Table, ReducingState<T> Handle) CreateReducingState<T>(ReducingStateDescriptor<T> descriptor)
    {
        var table = new HeapStateTable<TKey, T>(this, descriptor, serializer: descriptor.Serializer);
        return (table, new HeapReducingState<TKey, T>(table, descriptor));
    }

    protected override (IStateTable<TKey> Table, AggregatingState<TIn, TOut> Handle) CreateAggregatingState<TIn, TAcc, TOut>(AggregatingStateDescriptor<TIn, TAcc, TOut> descriptor)
    {
        var table = new HeapStateTable<TKey, TAcc>(this, descriptor, serializer: descriptor.AccumulatorSerializer);
        return (table, new HeapAggregatingState<TKey, TIn, TAcc, TOut>(table, descriptor));
    }
}
