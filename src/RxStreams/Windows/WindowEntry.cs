using System.Runtime.InteropServices;

namespace RxStreams.Windows;

/// <summary>
/// The state of one key's window, stored inline in a <see cref="WindowTable{TKey, TState}"/> so that a window costs no
/// allocation of its own.
/// </summary>
[StructLayout(LayoutKind.Auto)] // lets the runtime order the fields to avoid padding: the table scans entries on every record
internal struct WindowEntry<TKey, TState>
{
    public TKey Key;
    public TimeWindow Window;
    public TState Contents;
    public long TriggerState;
    public long LastEventTimer;
    public int Firings;

    /// <summary>The table's hash of (key, window); kept to unlink and rehash without calling the key comparer.</summary>
    public int HashCode;

    /// <summary>The next slot in the hash chain, or in the free list; −1 ends it.</summary>
    public int Next;

    /// <summary>Bumped when the slot is freed, so that a <see cref="WindowHandle{TKey}"/> to the old window no longer matches.</summary>
    public int Generation;

    public bool OnTimeFired;
    public bool EmittedSinceReset;

    /// <summary>True when records were added since the window was created or last purged; a firing without them emits nothing, as in Flink.</summary>
    public bool HasContents;

    /// <summary>False in a freed slot, so a snapshot can scan the slots in order instead of walking the hash chains.</summary>
    public bool Live;
}
