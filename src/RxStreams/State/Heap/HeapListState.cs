using System;
using System.Collections.Generic;

namespace RxStreams.State;

/// <summary><see cref="ListState{T}"/> on the heap: a list per key.</summary>
internal sealed class HeapListState<TKey, T>(HeapStateTable<TKey, List<T>> table, ListStateDescriptor<T> descriptor) : ListState<T>
    where TKey : notnull
{
    public override string Name => descriptor.Name;

    public override IReadOnlyList<T> Values => table.TryGet(out var list) ? list : Array.Empty<T>();

    public override void Add(T value)
    {
        ref var list = ref table.GetForUpdate(out _);
        (list ??= []).Add(value);
    }

    public override void AddAll(IEnumerable<T> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var added = new List<T>(values);
        if (added.Count == 0)
        {
            return;
        }

        ref var list = ref table.GetForUpdate(out _);
        if (list is null)
        {
            list = added;
        }
        else
        {
            list.AddRange(added);
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

        table.Set(list);
    }

    public override void Clear() => table.Remove();
}
