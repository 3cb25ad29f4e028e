using System;
using System.Threading;

/// <summary>
/// The highest managed heap size while a run goes on, above the heap before it: a background thread reads
/// <see cref="GC.GetTotalMemory(bool)"/> every 2 ms (a cheap read of the GC's counters) between <see cref="Start"/> and
/// <see cref="Stop"/>. Call it after a full collection, so the baseline is what survives.
/// </summary>
internal sealed class HeapPeak : IDisposable
{
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _running = new();
    private volatile bool _disposed;
    private long _baseline;
    private long _peak;

    public HeapPeak()
    {
        _thread = new Thread(Sample) { IsBackground = true, Name = "heap peak sampler", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    public void Start()
    {
        _baseline = GC.GetTotalMemory(false);
        Interlocked.Exchange(ref _peak, _baseline);
        _running.Set();
    }

    /// <summary>Stops sampling; the peak above the baseline, in bytes.</summary>
    public long Stop()
    {
        _running.Reset();
        Observe();
        return Interlocked.Read(ref _peak) - _baseline;
    }

    public void Dispose()
    {
        _disposed = true;
        _running.Set();
        _thread.Join();
        _running.Dispose();
    }

    private void Sample()
    {
        while (true)
        {
            _running.Wait();
            if (_disposed)
            {
                return;
            }

            Observe();
            Thread.Sleep(2);
        }
    }

    private void Observe()
    {
        var now = GC.GetTotalMemory(false);
        var peak = Interlocked.Read(ref _peak);
        while (now > peak)
        {
            var seen = Interlocked.CompareExchange(ref _peak, now, peak);
            if (seen == peak)
            {
                return;
            }

            peak = seen;
        }
    }
}
