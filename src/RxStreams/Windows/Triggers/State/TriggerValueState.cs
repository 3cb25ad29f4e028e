namespace RxStreams.Windows.Triggers;

/// <summary>A <see cref="ValueState{T}"/> of a trigger: one value per key and window, the window the trigger is deciding about.</summary>
internal sealed class TriggerValueState<TKey, T>(TriggerStates<TKey> states, TriggerStateTable<TKey, T> table, ValueStateDescriptor<T> descriptor) : ValueState<T>
    where TKey : notnull
{
    public override string Name => descriptor.Name;

    public override T Value
    {
        get => table.TryGet(states.Current, out var value) ? value : descriptor.DefaultValue;
        set => table.Set(states.Current, value);
    }

    public override bool TryGetValue(out T value) => table.TryGet(states.Current, out value);

    public override void Update(T value) => table.Set(states.Current, value);

    public override void Clear() => table.Remove(states.Current);
}
