using System;
using System.Collections.Generic;

namespace RxStreams.Exchanges;

/// <summary>Picks the consumer task of a record, for one producer task.</summary>
internal interface IRouter<T>
{
    /// <summary>Returned by <see cref="Route"/> to send the record to every consumer.</summary>
    const int All = -1;

    /// <summary>The consumer index, or <see cref="All"/>. May throw for a bad key.</summary>
    int Route(T value, long timestamp);
}

internal sealed class FixedRouter<T>(int target) : IRouter<T>
{
    public int Route(T value, long timestamp) => target;
}

internal sealed class RoundRobinRouter<T>(int start, int consumers) : IRouter<T>
{
    private int _next = start;

    public int Route(T value, long timestamp)
    {
        var target = _next;
        _next = target + 1 == consumers ? 0 : target + 1;
        return target;
    }
}

internal sealed class RandomRouter<T>(int seed, int consumers) : IRouter<T>
{
    private readonly Random _random = new(seed);

    public int Route(T value, long timestamp) => _random.Next(consumers);
}

/// <summary>
/// Key-based routing as Flink does it: the key's stable hash picks one of <see cref="KeyGroups"/> key groups, and key
/// groups are spread over the consumers in contiguous ranges, so a key always reaches the same task for a given
/// parallelism, across runs and machines.
/// </summary>
internal sealed class HashRouter<T, TKey>(Func<T, TKey> keySelector, Func<TKey, int> hash, int consumers) : IRouter<T>
{
    public const int KeyGroups = 128;

    public int Route(T value, long timestamp)
    {
        var key = keySelector(value);
        if (key is null)
        {
            throw new NullKeyException("PartitionByKey", value, timestamp);
        }

        return ConsumerOf(hash(key), consumers);
    }

    /// <summary>The consumer of a key hash: its key group's range.</summary>
    public static int ConsumerOf(int keyHash, int consumers) => KeyGroupOf(keyHash) * consumers / KeyGroups;

    /// <summary>The key group of a key hash, after a Murmur3 finalizer spreads its bits.</summary>
    public static int KeyGroupOf(int keyHash)
    {
        var h = (uint)keyHash;
        h ^= h >> 16;
        h *= 0x85EBCA6B;
        h ^= h >> 13;
        h *= 0xC2B2AE35;
        h ^= h >> 16;
        return (int)(h % KeyGroups);
    }
}

/// <summary>
/// Hashes that are equal across processes and machines, for routing keys to tasks and splitting keyed state into key
/// groups: <c>string.GetHashCode</c> is randomized per process, and so is the default hash of any tuple, record or struct
/// holding a string. Strings use FNV-1a; primitives, enums and other types whose default hash is their value use it;
/// anything else with a state serializer is hashed over its serialized bytes (XxHash32); a type with neither keeps its
/// default hash, which is stable only within one process.
/// </summary>
internal static class StableHash
{
    public static Func<TKey, int> For<TKey>()
    {
        if (typeof(TKey) == typeof(string))
        {
            return (Func<TKey, int>)(object)(Func<string, int>)OfString;
        }

        var comparer = EqualityComparer<TKey>.Default;
        if (HashIsItsValue(typeof(TKey)) || !State.StateSerializers.TryGet<TKey>(out var serializer))
        {
            return key => comparer.GetHashCode(key!);
        }

        return key => OfBytes(key, serializer);
    }

    /// <summary>FNV-1a over the UTF-16 code units.</summary>
    public static int OfString(string value)
    {
        var hash = 2166136261u;
        foreach (var c in value)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)hash;
    }

    private static bool HashIsItsValue(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(decimal) || type == typeof(Guid) || type == typeof(DateTime)
        || type == typeof(DateTimeOffset) || type == typeof(TimeSpan)
        || (Nullable.GetUnderlyingType(type) is { } inner && HashIsItsValue(inner));

    private static int OfBytes<TKey>(TKey key, State.IStateSerializer<TKey> serializer)
    {
        var writer = Scratch ??= new State.StateWriter(64);
        writer.Reset();
        serializer.Write(writer, key);
        return (int)System.IO.Hashing.XxHash32.HashToUInt32(writer.WrittenSpan);
    }

    [ThreadStatic]
    private static State.StateWriter? Scratch;
}
