using System;
using System.Collections.Concurrent;
using System.Linq;

namespace RxStreams.Interactive.Live;

/// <summary>
/// The live views that keep their cells running (<see cref="KernelDisplaySink.HoldCellUntilStopped"/>). Interrupting a
/// cell sends the kernel a <c>Cancel</c> command, which cancels a cell whose code still runs but not one whose code
/// has returned and that only waits for its view; the kernel extension stops these views on <c>Cancel</c>.
/// </summary>
internal static class HeldViews
{
    private static readonly ConcurrentDictionary<LiveView, byte> Views = new();

    /// <summary>Raised when a cell's code has returned and the cell starts waiting for its view (a test hook).</summary>
    internal static event Action<LiveView>? Holding;

    /// <summary>How many views hold their cells now.</summary>
    public static int Count => Views.Count;

    /// <summary>Adds <paramref name="view"/>, whose cell waits for it.</summary>
    /// <param name="view">The view.</param>
    public static void Add(LiveView view) => Views[view] = 0;

    /// <summary>Removes <paramref name="view"/> once its cell stopped waiting.</summary>
    /// <param name="view">The view.</param>
    public static void Remove(LiveView view) => Views.TryRemove(view, out _);

    /// <summary>Tells the test hook that a cell waits for <paramref name="view"/>.</summary>
    /// <param name="view">The view.</param>
    public static void OnHolding(LiveView view) => Holding?.Invoke(view);

    /// <summary>Stops every view that holds a cell.</summary>
    public static void StopAll()
    {
        foreach (var view in Views.Keys.ToArray())
        {
            view.Stop();
        }
    }
}
