using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace RxStreams.State;

/// <summary><see cref="MapState{TUserKey, TUserValue}"/> on the heap: a dictionary per key, freed when its last entry goes.</summary>
internal sealed class HeapMapState<TKey, TUserKey, TUserValue>(
    HeapStateTable<TKey, Dictionary<TUserKey, TUserValue>> table,
    MapStateDescriptor<TUserKey, TUserValue> descriptor) : MapState<TUserKey, TUserValue>
    where TKey : notnull
    where TUserKey : notnull
{
    public override string Name => descriptor.Name;

    public override IReadOnlyDictionary<TUserKey, TUserValue> Entries =>
        table.TryGet(out var map) ? map : ReadOnlyDictionary<TUserKey, TUserValue>.Empty;

    public override bool IsEmpty => !table.TryGet(out _);

    public override bool TryGetValue(TUserKey userKey, out TUserValue value)
    {
        if (table.TryGet(out var map))
        {
            return map.TryGetValue(userKey, out value!);
        }

        value = default!;
        return false;
    }

    public override bool Contains(TUserKey userKey) => table.TryGet(out var map) && map.ContainsKey(userKey);

    public override void Put(TUserKey userKey, TUserValue value)
    {
        ArgumentNullException.ThrowIfNull(userKey);
        ref var map = ref table.GetForUpdate(out _);
        (map ??= new Dictionary<TUserKey, TUserValue>(descriptor.Comparer))[userKey] = value;
    }

    public override void PutAll(IEnumerable<KeyValuePair<TUserKey, TUserValue>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var (userKey, value) in entries)
        {
            Put(userKey, value);
        }
    }

    public override bool Remove(TUserKey userKey)
    {
        if (!table.TryGet(out var map) || !map.Remove(userKey))
        {
            return false;
        }

        if (map.Count == 0)
        {
            table.Remove();
        }

        return true;
    }

    public override void Clear() => table.Remove();
}
