using System.Collections.Generic;
using System.Reactive.Concurrency;
using RxStreams.Checkpoints;

namespace RxStreams.State;

/// <summary>
/// Keyed state as objects on the managed heap (Flink's <c>HashMapStateBackend</c>): the fastest access, bounded by
/// memory; the synchronous part of a checkpoint is a copy-on-write capture. The default backend.
/// </summary>
public sealed class HeapStateBackend : StateBackend
{
    private HeapStateBackend()
    {
    }

    /// <summary>The heap backend; it has no settings.</summary>
    public static HeapStateBackend Instance { get; } = new();

    internal override KeyedStateBackend<TKey> CreateKeyedStateBackend<TKey>(IEqualityComparer<TKey> comparer, string operatorName, IScheduler? clock, TaskInfo task) =>
        new HeapKeyedStateBackend<TKey>(comparer, operatorName, clock);
}
