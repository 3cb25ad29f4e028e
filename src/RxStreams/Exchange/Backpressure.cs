using System;

namespace RxStreams.Exchanges;

/// <summary>
/// Whether the current thread had to wait for room in an exchange since it last asked: a source reading in steps on
/// the job's scheduler ends its step early then, so a checkpoint that falls due is triggered between two records
/// instead of after a whole step of waiting.
/// </summary>
internal static class Backpressure
{
    [ThreadStatic]
    private static bool t_waited;

    /// <summary>Notes that this thread waited for room.</summary>
    public static void OnWaited() => t_waited = true;

    /// <summary>True when this thread waited since the last call; clears the note.</summary>
    public static bool TakeWaited()
    {
        if (!t_waited)
        {
            return false;
        }

        t_waited = false;
        return true;
    }
}
