namespace RxStreams.Operators;

/// <summary>
/// Notices overlapping <c>OnNext</c> calls at a pipeline's entry, as cheaply as possible: each call takes a ticket (a
/// plain increment, no interlocked instruction, no try/finally) and, when it returns, checks that no other call took one
/// meanwhile. Nothing is left behind when a call throws. Best-effort (see <see cref="ConcurrentOnNextException"/>); a
/// mutable struct, kept in a field of the sink.
/// </summary>
internal struct ConcurrentCallGuard
{
    private int _calls;

    /// <summary>Starts a call; hand the ticket to <see cref="Overlapped"/> when it returns.</summary>
    public int Enter() => ++_calls;

    /// <summary>True when another call started while the call holding <paramref name="ticket"/> ran.</summary>
    public readonly bool Overlapped(int ticket) => _calls != ticket;
}
