using System;
using System.Collections.Generic;
using RxStreams.Joins;
using RxStreams.Keyed.Aggregates;

namespace RxStreams.State;

/// <summary>
/// Builds the built-in serializers of generic types from their parts' serializers. <see cref="BuiltInSerializers"/>
/// calls these by name for a closed type, so each method's generic parameters are the type's arguments.
/// </summary>
internal static class CompositeSerializers
{
    public static IStateSerializer<T?> Nullable<T>(IStateSerializer<T> value)
        where T : struct => new NullableSerializer<T>(value);

    public static IStateSerializer<T[]?> Array<T>(IStateSerializer<T> element) => new ArraySerializer<T>(element);

    public static IStateSerializer<List<T>?> List<T>(IStateSerializer<T> element) => new ListSerializer<T>(element);

    public static IStateSerializer<Dictionary<TKey, TValue>?> Dictionary<TKey, TValue>(IStateSerializer<TKey> key, IStateSerializer<TValue> value)
        where TKey : notnull => new DictionarySerializer<TKey, TValue>(key, value);

    public static IStateSerializer<(T1, T2)> Tuple<T1, T2>(IStateSerializer<T1> first, IStateSerializer<T2> second) =>
        new TupleSerializer<T1, T2>(first, second);

    public static IStateSerializer<(T1, T2, T3)> Tuple<T1, T2, T3>(IStateSerializer<T1> first, IStateSerializer<T2> second, IStateSerializer<T3> third) =>
        new TupleSerializer<T1, T2, T3>(first, second, third);

    public static IStateSerializer<(T1, T2, T3, T4)> Tuple<T1, T2, T3, T4>(
        IStateSerializer<T1> first, IStateSerializer<T2> second, IStateSerializer<T3> third, IStateSerializer<T4> fourth) =>
        new TupleSerializer<T1, T2, T3, T4>(first, second, third, fourth);

    public static IStateSerializer<KeyValuePair<TKey, TValue>> KeyValuePair<TKey, TValue>(IStateSerializer<TKey> key, IStateSerializer<TValue> value) =>
        Pair<KeyValuePair<TKey, TValue>, TKey, TValue>(
            SerializerIds.Compose("kv", SerializerIds.Part(key), SerializerIds.Part(value)), key, value,
            static pair => (pair.Key, pair.Value), static tuple => new(tuple.Item1, tuple.Item2));

    public static IStateSerializer<Keyed<TKey, TValue>> Keyed<TKey, TValue>(IStateSerializer<TKey> key, IStateSerializer<TValue> value) =>
        Pair<Keyed<TKey, TValue>, TKey, TValue>(
            SerializerIds.Compose("keyed", SerializerIds.Part(key), SerializerIds.Part(value)), key, value,
            static keyed => (keyed.Key, keyed.Value), static tuple => new(tuple.Item1, tuple.Item2));

    public static IStateSerializer<Record<T>> Record<T>(IStateSerializer<T> value) =>
        Pair<Record<T>, T, long>(
            SerializerIds.Compose("record", SerializerIds.Part(value)), value, (IStateSerializer<long>)PrimitiveSerializers.ByType[typeof(long)],
            static record => (record.Value, record.Timestamp), static tuple => new(tuple.Item1, tuple.Item2));

    public static IStateSerializer<AverageAccumulator<TNumber>> Average<TNumber>(IStateSerializer<TNumber> sum) =>
        new AverageAccumulatorSerializer<TNumber>(sum);

    public static IStateSerializer<ReduceAccumulator<T>> Reduce<T>(IStateSerializer<T> value) => new ReduceAccumulatorSerializer<T>(value);

    public static IStateSerializer<ExtremumAccumulator<T, TValue>> Extremum<T, TValue>(IStateSerializer<T> record, IStateSerializer<TValue> value) =>
        new ExtremumAccumulatorSerializer<T, TValue>(record, value);

    public static IStateSerializer<JoinInput<TLeft, TRight>> JoinInput<TLeft, TRight>(IStateSerializer<TLeft> left, IStateSerializer<TRight> right) =>
        new JoinInputSerializer<TLeft, TRight>(left, right);

    // Pair-like types share the tuple layout under their own id.
    private static MappedSerializer<TPair, (T1, T2)> Pair<TPair, T1, T2>(
        string id, IStateSerializer<T1> first, IStateSerializer<T2> second, Func<TPair, (T1, T2)> split, Func<(T1, T2), TPair> join) =>
        new(id, new TupleSerializer<T1, T2>(first, second), split, join);
}
