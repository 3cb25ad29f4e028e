using System.Collections.Generic;
using System.Threading;

namespace RxStreams.Testing;

/// <summary>
/// The failures planned for one run of a crash test, shared by its attempts: each fires once, at the n-th record the
/// sources hand on over the whole run, at a checkpoint's barrier, before a checkpoint's completion is announced, or in
/// the restore of the n-th restart. Also counts what a run without failures does, to place the failures of the next.
/// </summary>
internal sealed class FaultInjector(IReadOnlyCollection<long> records, IReadOnlyCollection<long> barriers, IReadOnlyCollection<long> commits, IReadOnlyCollection<int> restores)
{
    private readonly HashSet<long> _records = [.. records];
    private readonly HashSet<long> _barriers = [.. barriers];
    private readonly HashSet<long> _commits = [.. commits];
    private readonly HashSet<int> _restores = [.. restores];
    private long _recordsSeen;
    private int _injected;
    private int _attempt;
    private int _restoreFailedInAttempt = -1;

    /// <summary>A run without failures, to count records and checkpoints.</summary>
    public static FaultInjector None() => new([], [], [], []);

    /// <summary>Records handed on by the sources over all attempts.</summary>
    public long RecordsSeen => Interlocked.Read(ref _recordsSeen);

    /// <summary>Failures injected so far.</summary>
    public int Injected => Volatile.Read(ref _injected);

    /// <summary>Called once per record a source hands on; throws when a failure is planned at it.</summary>
    public void BeforeRecord(string source)
    {
        var n = Interlocked.Increment(ref _recordsSeen);
        if (_records.Count > 0 && Take(_records, n))
        {
            throw new InjectedFailureException($"Injected failure in record {n} (source '{source}').");
        }
    }

    /// <summary>True when the job should fail right after the barriers of <paramref name="checkpointId"/> went out.</summary>
    public bool AtBarrier(long checkpointId) => Take(_barriers, checkpointId);

    /// <summary>True when the job should fail after storing <paramref name="checkpointId"/> and before announcing it.</summary>
    public bool BeforeCommit(long checkpointId) => Take(_commits, checkpointId);

    /// <summary>Called when an attempt starts (the first is 0).</summary>
    public void OnAttempt() => Interlocked.Increment(ref _attempt);

    /// <summary>Throws in the first restore of an attempt whose number is planned to fail while restoring.</summary>
    public void DuringRestore(string uid)
    {
        var attempt = Volatile.Read(ref _attempt);
        if (attempt != _restoreFailedInAttempt && Take(_restores, attempt))
        {
            _restoreFailedInAttempt = attempt;
            throw new InjectedFailureException($"Injected failure while restoring '{uid}' (attempt {attempt}).");
        }
    }

    private bool Take<TPoint>(HashSet<TPoint> points, TPoint point)
    {
        lock (points)
        {
            if (!points.Remove(point))
            {
                return false;
            }
        }

        Interlocked.Increment(ref _injected);
        return true;
    }
}
