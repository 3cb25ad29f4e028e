using System;
using System.Collections.Generic;

namespace RxStreams.RocksDb;

/// <summary><see cref="ListState{T}"/> in RocksDB.</summary>
internal sealed class RocksDbListState<TKey, T>(RocksDbListTable<TKey, T> table, ListStateDescriptor<T> descriptor) : ListState<T>
    where TKey : notnull
{
    private readonly T[] _one = new T[1];

    public override string Name => descriptor.Name;

    public override IReadOnlyList<T> Values => table.Values();

    public override void Add(T value)
    {
        _one[0] = value;
        table.Append(_one, replace: false);
        _one[0] = default!;
    }

    public override void AddAll(IEnumerable<T> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var added = new List<T>(values);
        if (added.Count > 0)
        {
            table.Append(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(added), replace: false);
        }
    }

    public override void Update(IEnumerable<T> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var list = new List<T>(values);
        if (list.Count == 0)
        {
            table.Remove();
            return;
        }

        table.Append(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list), replace: true);
    }

    public override void Clear() => table.Remove();
}
