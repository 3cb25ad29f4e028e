using System.Threading;

namespace RxStreams.Exchanges;

/// <summary>
/// Wakes a parked thread. The waiter announces itself, re-checks its condition, then waits; a notifier that sees the
/// announcement wakes it. Both sides use full fences, so a wake-up is never lost.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "ManualResetEventSlim allocates no kernel handle unless its WaitHandle is used; it lives as long as its task.")]
internal sealed class TaskSignal
{
    private readonly ManualResetEventSlim _event = new(false, 64);
    private int _waiting;

    /// <summary>Called by the notifier after it published its change (with a full fence).</summary>
    public void Notify()
    {
        if (Volatile.Read(ref _waiting) != 0 && Interlocked.CompareExchange(ref _waiting, 0, 1) == 1)
        {
            _event.Set();
        }
    }

    /// <summary>Announces the wait; the caller must then re-check its condition before calling <see cref="Wait"/>.</summary>
    public void Prepare()
    {
        _event.Reset();
        Interlocked.Exchange(ref _waiting, 1);
    }

    /// <summary>Withdraws the announcement when the re-check found work.</summary>
    public void Cancel() => Interlocked.Exchange(ref _waiting, 0);

    /// <summary>Waits until notified (spurious wake-ups are possible: re-check after).</summary>
    public void Wait()
    {
        _event.Wait();
        Interlocked.Exchange(ref _waiting, 0);
    }
}
