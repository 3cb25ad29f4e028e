namespace RxStreams.RocksDb;

/// <summary><see cref="ReducingState{T}"/> in RocksDB: read, reduce, write.</summary>
internal sealed class RocksDbReducingState<TKey, T>(RocksDbValueTable<TKey, T> table, ReducingStateDescriptor<T> descriptor) : ReducingState<T>
    where TKey : notnull
{
    public override string Name => descriptor.Name;

    public override bool TryGet(out T value) => table.TryGet(out value);

    public override T Value => table.TryGet(out var value) ? value : default!;

    public override void Add(T value)
    {
        // The reduction is computed before the write, so a throwing function leaves the value as it was.
        table.Set(table.TryGetForUpdate(out var current) ? descriptor.Reduce(current, value) : value);
    }

    public override void Clear() => table.Remove();
}
