using System.Collections.Generic;

namespace RxStreams.Diagnostics;

/// <summary>What a running window operator shows a <see cref="WindowExplainer"/>: its watermark and its windows.</summary>
internal interface IWindowProbe
{
    /// <summary>The operator's watermark.</summary>
    long Watermark { get; }

    /// <summary>True for event-time windows, false for processing-time ones.</summary>
    bool IsEventTime { get; }

    /// <summary>The allowed lateness in milliseconds.</summary>
    long AllowedLateness { get; }

    /// <summary>True when the trigger fires a window once the watermark reaches its end (the event-time trigger, also purging or with early firings).</summary>
    bool FiresAtEnd { get; }

    /// <summary>Adds every window that holds state, once per key, without changing anything.</summary>
    void AddWindows(List<WindowSlot> windows);
}

/// <summary>One (key, window) that holds state.</summary>
/// <param name="Window">The window.</param>
/// <param name="Fired">True once it fired on time (the watermark passed its end); it is then kept for late records.</param>
internal readonly record struct WindowSlot(TimeWindow Window, bool Fired);
