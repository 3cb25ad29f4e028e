using System.Threading;

namespace RxStreams.Operators;

/// <summary>
/// The lock of an operator that a processing-time clock can call beside its source; an operator without a clock has
/// no lock object and <see cref="Enter"/> takes nothing, so single-threaded pipelines pay no lock.
/// </summary>
internal readonly struct OptionalGate(object? gate)
{
    /// <summary>The lock object, or null when there is none to take.</summary>
    public object? Lock => gate;

    /// <summary>Takes the lock when there is one; pass the result to <see cref="Exit"/>.</summary>
    public bool Enter()
    {
        var taken = false;
        if (gate is not null)
        {
            Monitor.Enter(gate, ref taken);
        }

        return taken;
    }

    /// <summary>Releases what <see cref="Enter"/> took.</summary>
    public void Exit(bool taken)
    {
        if (taken)
        {
            Monitor.Exit(gate!);
        }
    }
}
