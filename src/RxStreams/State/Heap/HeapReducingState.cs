namespace RxStreams.State;

/// <summary><see cref="ReducingState{T}"/> on the heap.</summary>
internal sealed class HeapReducingState<TKey, T>(HeapStateTable<TKey, T> table, ReducingStateDescriptor<T> descriptor) : ReducingState<T>
    where TKey : notnull
{
    public override string Name => descriptor.Name;

    public override bool TryGet(out T value) => table.TryGet(out value);

    public override T Value => table.TryGet(out var value) ? value : default!;

    public override void Add(T value)
    {
        ref var current = ref table.GetForUpdate(out var existed);
        if (!existed)
        {
            current = value;
            return;
        }

        // The reduction is computed before the store, so a throwing function leaves the value as it was.
        current = descriptor.Reduce(current, value);
    }

    public override void Clear() => table.Remove();
}
