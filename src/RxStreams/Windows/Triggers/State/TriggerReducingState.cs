namespace RxStreams.Windows.Triggers;

/// <summary>A <see cref="ReducingState{T}"/> of a trigger: one reduced value per key and window, the window the trigger is deciding about.</summary>
internal sealed class TriggerReducingState<TKey, T>(TriggerStates<TKey> states, TriggerStateTable<TKey, T> table, ReducingStateDescriptor<T> descriptor) : ReducingState<T>
    where TKey : notnull
{
    public override string Name => descriptor.Name;

    public override bool TryGet(out T value) => table.TryGet(states.Current, out value);

    public override T Value => table.TryGet(states.Current, out var value) ? value : default!;

    public override void Add(T value)
    {
        var id = states.Current;
        ref var current = ref table.GetOrAdd(id, out var existed);
        if (!existed)
        {
            current = value;
            return;
        }

        // Reduced before the store: a throwing function leaves the value as it was.
        current = descriptor.Reduce(current, value);
    }

    public override void Clear() => table.Remove(states.Current);
}
