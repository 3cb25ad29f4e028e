using System.Threading;

namespace RxStreams.Windows;

/// <summary>
/// A <see cref="WindowTable{TKey, TState}"/> as it was at a checkpoint's barrier: its pages, which the table copies
/// before it changes them again, so the snapshot can read them on another thread.
/// </summary>
internal sealed class CapturedWindows<TKey, TState>(WindowEntry<TKey, TState>[][] pages, int used, WindowTable<TKey, TState> table)
    where TKey : notnull
{
    private int _released;

    /// <summary>The slots handed out when captured.</summary>
    public int SlotsUsed => used;

    /// <summary>The entry in <paramref name="slot"/> as captured.</summary>
    public ref readonly WindowEntry<TKey, TState> this[int slot] =>
        ref pages[slot >> WindowTable<TKey, TState>.PageBits][slot & WindowTable<TKey, TState>.PageMask];

    /// <summary>True once <see cref="Release"/> was called.</summary>
    public bool IsReleased => Volatile.Read(ref _released) != 0;

    /// <summary>The capture was written and will not be read again: the table may reuse the pages it copied away. Idempotent.</summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            table.OnCaptureReleased();
        }
    }
}
