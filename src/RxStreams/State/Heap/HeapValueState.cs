namespace RxStreams.State;

/// <summary><see cref="ValueState{T}"/> on the heap.</summary>
internal sealed class HeapValueState<TKey, T>(HeapStateTable<TKey, T> table, ValueStateDescriptor<T> descriptor) : ValueState<T>
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
