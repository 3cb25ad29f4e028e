namespace RxStreams.Windows;

/// <summary>
/// Names one key's window for a timer: the slot of its state in the <see cref="WindowTable{TKey, TState}"/> (found
/// without hashing while the state lives) and the key and window themselves (to find it again if the slot was reused).
/// </summary>
internal readonly struct WindowHandle<TKey>(TKey key, TimeWindow window, int slot, int generation)
{
    public readonly TKey Key = key;
    public readonly TimeWindow Window = window;
    public readonly int Slot = slot;
    public readonly int Generation = generation;
}
