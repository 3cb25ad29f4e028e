using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using RxStreams.Tests.Exchange;

namespace RxStreams.Tests.Adversarial;

/// <summary>
/// Makes two <c>OnNext</c> calls overlap for certain, not by timing: the first call, inside the pipeline, waits in
/// <see cref="HoldFirst"/> until the second one has returned (<see cref="Run"/>) or is blocked on the operator's lock
/// (<see cref="RunBlocked"/>).
/// </summary>
internal sealed class OverlappingCalls : IDisposable
{
    private readonly ManualResetEventSlim _inside = new();
    private readonly ManualResetEventSlim _release = new();
    private int _calls;

    /// <summary>Called inside the pipeline: the first call waits there until it is released.</summary>
    public void HoldFirst()
    {
        if (Interlocked.Increment(ref _calls) == 1)
        {
            _inside.Set();
            Assert.True(_release.Wait(ExchangeTestSupport.WaitLimit));
        }
    }

    /// <summary>Runs the first call, then the second on the test's thread, then lets the first one return.</summary>
    public void Run(Action first, Action second) => Overlap(first, () =>
    {
        second();
        return null;
    });

    /// <summary>Runs the first call, then the second on its own thread, and lets the first one return once the second is blocked.</summary>
    public void RunBlocked(Action first, Action second) => Overlap(first, () =>
    {
        var secondCall = new Thread(() => second()) { IsBackground = true };
        secondCall.Start();
        var waited = Stopwatch.StartNew();
        while ((secondCall.ThreadState & System.Threading.ThreadState.WaitSleepJoin) == 0)
        {
            Assert.True(waited.Elapsed < ExchangeTestSupport.WaitLimit, "the second call never blocked on the operator's lock");
            Thread.Yield();
        }

        return secondCall;
    });

    public void Dispose()
    {
        _release.Set();
        _inside.Dispose();
        _release.Dispose();
    }

    private void Overlap(Action first, Func<Thread?> second)
    {
        var firstCall = Task.Run(first);
        Assert.True(_inside.Wait(ExchangeTestSupport.WaitLimit));
        Thread? secondCall;
        try
        {
            secondCall = second();
        }
        finally
        {
            _release.Set();
        }

        Assert.True(firstCall.Wait(ExchangeTestSupport.WaitLimit));
        Assert.True(secondCall?.Join(ExchangeTestSupport.WaitLimit) ?? true);
    }
}
