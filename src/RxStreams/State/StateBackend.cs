using System.Collections.Generic;
using System.Reactive.Concurrency;
using RxStreams.Checkpoints;

namespace RxStreams.State;

/// <summary>
/// Where keyed process functions keep their state (Flink's <c>StateBackend</c>): <see cref="HeapStateBackend"/> (the
/// default) or <c>RocksDbStateBackend</c> from the RxStreams.RocksDb package. Chosen per job with
/// <see cref="CheckpointOptions.StateBackend"/>; every backend writes checkpoints and savepoints in the same key-group
/// format, so a job can switch backends and restore its last checkpoint.
/// </summary>
public abstract class StateBackend
{
    private protected StateBackend()
    {
    }

    /// <summary>The backend of keyed operators outside a job, and of jobs that do not choose one: the heap.</summary>
    internal static StateBackend Default { get; set; } = HeapStateBackend.Instance;

    /// <summary>Creates the keyed state of one operator subscription (one parallel subtask).</summary>
    internal abstract KeyedStateBackend<TKey> CreateKeyedStateBackend<TKey>(IEqualityComparer<TKey> comparer, string operatorName, IScheduler? clock, TaskInfo task)
        where TKey : notnull;

}
