using System.Collections.Generic;
using System.Threading;
using RxStreams.Diagnostics;
using RxStreams.Windows.Triggers;

namespace RxStreams.Windows;

/// <summary>What a running window operator shows a <see cref="WindowExplainer"/>.</summary>
internal sealed partial class WindowOperator<TKey, T, TState, TResult, TContents>
{
    private sealed partial class Sink : IWindowProbe
    {
        long IWindowProbe.Watermark => Volatile.Read(ref _watermark);

        bool IWindowProbe.IsEventTime => _eventTime;

        long IWindowProbe.AllowedLateness => _lateness;

        bool IWindowProbe.FiresAtEnd => _eventTime && FiresAtEnd(_trigger);

        void IWindowProbe.AddWindows(List<WindowSlot> windows)
        {
            _windows.PeekWindows(windows);
            _aligned?.Peek(windows);
            _slidingWindows?.Peek(windows);
        }

        private static bool FiresAtEnd(WindowTrigger trigger) => trigger switch
        {
            EventTimeTrigger => true,
            PurgingTrigger purging => FiresAtEnd(purging.Inner),
            EarlyCountTrigger early => FiresAtEnd(early.Inner),
            EarlyIntervalTrigger early => FiresAtEnd(early.Inner),
            _ => false,
        };
    }
}
