using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Linq;

namespace RxStreams.Compare.Bench;

/// <summary>
/// With <c>--alloc-by-type</c>: what a variant allocates, by type, from the runtime's allocation sampling (an
/// <c>GCAllocationTick</c> event about every 100 KB allocated, naming the type of the allocation that crossed the mark).
/// The sums are estimates, good for the big sources; the events arrive on another thread, a little later.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytes = new();
    private volatile bool _recording;

    public void Start()
    {
        _bytes.Clear();
        _recording = true;
    }

    /// <summary>Stops recording and returns the largest sources, in bytes per input event.</summary>
    public IReadOnlyList<string> Stop(long events, int top = 6)
    {
        System.Threading.Thread.Sleep(500); // let the listener's thread deliver the last events
        _recording = false;
        return _bytes.OrderByDescending(p => p.Value).Take(top)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{(double)p.Value / events,8:F2} B/ev  {p.Key}"))
            .ToList();
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_recording || e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.PayloadNames is null)
        {
            return;
        }

        var amountAt = e.PayloadNames.IndexOf("AllocationAmount64");
        var typeAt = e.PayloadNames.IndexOf("TypeName");
        if (amountAt < 0 || typeAt < 0)
        {
            return;
        }

        var amount = Convert.ToInt64(e.Payload![amountAt], CultureInfo.InvariantCulture);
        var type = e.Payload[typeAt] as string ?? "?";
        _bytes.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }
}
