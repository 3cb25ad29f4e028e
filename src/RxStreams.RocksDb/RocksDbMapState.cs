using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace RxStreams.RocksDb;

/// <summary><see cref="MapState{TUserKey, TUserValue}"/> in RocksDB: lookups and puts touch one entry's row.</summary>
internal sealed class RocksDbMapState<TKey, TUserKey, TUserValue>(
    RocksDbMapTable<TKey, TUserKey, TUserValue> table,
    MapStateDescriptor<TUserKey, TUserValue> descriptor) : MapState<TUserKey, TUserValue>
    where TKey : notnull
    where TUserKey : notnull
{
    public override string Name => descriptor.Name;

    public override IReadOnlyDictionary<TUserKey, TUserValue> Entries =>
        table.Entries() is { } map ? map : ReadOnlyDictionary<TUserKey, TUserValue>.Empty;

    public override bool IsEmpty => !table.HasEntries();

    public override bool TryGetValue(TUserKey userKey, out TUserValue value) => table.TryGetValue(userKey, out value);

    public override bool Contains(TUserKey userKey) => table.TryGetValue(userKey, out _);

    public override void Put(TUserKey userKey, TUserValue value)
    {
        ArgumentNullException.ThrowIfNull(userKey);
        table.Put(userKey, value);
    }

    public override void PutAll(IEnumerable<KeyValuePair<TUserKey, TUserValue>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var (userKey, value) in entries)
        {
            Put(userKey, value);
        }
    }

    public override bool Remove(TUserKey userKey) => table.Remove(userKey);

    public override void Clear() => table.Clear();
}
