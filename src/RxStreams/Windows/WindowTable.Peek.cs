using System.Collections.Generic;
using RxStreams.Diagnostics;

namespace RxStreams.Windows;

/// <summary>The windows of a table as a <see cref="WindowExplainer"/> reads them.</summary>
internal sealed partial class WindowTable<TKey, TState>
{
    /// <summary>
    /// Adds every live (key, window) to <paramref name="windows"/> without touching the table (no copy-on-write), so it
    /// may run on another thread than the operator's: then an entry being changed meanwhile may be missed or read mid-change.
    /// </summary>
    public void PeekWindows(List<WindowSlot> windows)
    {
        var pages = _pages;
        var used = _used;
        for (var slot = 0; slot < used; slot++)
        {
            var page = slot >> PageBits;
            if (page >= pages.Length)
            {
                break;
            }

            var entries = pages[page];
            var index = slot & PageMask;
            if (index >= entries.Length)
            {
                break;
            }

            ref readonly var entry = ref entries[index];
            if (entry.Live)
            {
                windows.Add(new WindowSlot(entry.Window, entry.OnTimeFired));
            }
        }
    }
}
