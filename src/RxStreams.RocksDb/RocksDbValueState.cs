namespace RxStreams.RocksDb;

/// <summary><see cref="ValueState{T}"/> in RocksDB.</summary>
internal sealed class RocksDbValueState<TKey, T>(RocksDbValueTable<TKey, T> table, ValueStateDescriptor<T> descriptor) : ValueState<T>
    where TKey : notnull
{
    public override string Name => descriptor.Name;

    public override T Value
    {
        get => table.TryGet(out var value) ? value : descriptor.DefaultValue;
        set => table.Set(value);
    }

    public override bool TryGetValue(out T value) => table.TryGet(out value);

    public override void Update(T value) => table.Set(value);

    public override void Clear() => table.Remove();
}
