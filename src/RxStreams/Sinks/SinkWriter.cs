using System;
using System.Collections.Generic;
using RxStreams.State;

namespace RxStreams.Sinks;

/// <summary>
/// One subscription's writer of a <see cref="Sink{T}"/>, in its plain form: every batch is written as it comes, and
/// <see cref="Flush"/> makes what was written durable at each checkpoint barrier and at the end of the input. In a
/// checkpointed job that is at-least-once (a restart writes the records after the last checkpoint again), or
/// exactly-once when writing a record again has no effect (an idempotent sink: an upsert by key). Outside a job,
/// nothing is replayed: a failure loses the batch not yet written.
/// </summary>
/// <remarks>
/// Calls come from one thread at a time (the task's, or the scheduler's for a batch written because of its latency
/// bound); a writer needs no lock of its own. An exception fails the stream as a <see cref="SinkException"/>
/// (throw <see cref="SinkUnavailableException"/> when the external system is down), and in a job the restart
/// strategy applies.
/// </remarks>
/// <typeparam name="T">The record type.</typeparam>
public abstract class SinkWriter<T> : IDisposable
{
    /// <summary>Creates the writer.</summary>
    /// <param name="context">Where it runs.</param>
    protected SinkWriter(SinkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Context = context;
    }

    /// <summary>Where the writer runs: the sink's uid, its subtask, and whether a job drives it.</summary>
    public SinkContext Context { get; }

    /// <summary>Writes one batch of records, in their order. The span is only valid during the call.</summary>
    /// <param name="batch">One to <see cref="SinkOptions.BatchSize"/> records.</param>
    protected internal abstract void Write(ReadOnlySpan<T> batch);

    /// <summary>
    /// Makes everything written so far durable (flush buffers, fsync): called at each checkpoint barrier, before the
    /// checkpoint is acknowledged, and at the end of the input. Does nothing by default.
    /// </summary>
    protected internal virtual void Flush()
    {
    }

    /// <summary>Releases the writer (the subscription ended, completed or failed).</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases connections and files; an override calls the base method.</summary>
    /// <param name="disposing">True from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>True for the transactional form, whose state goes into checkpoints.</summary>
    internal virtual bool IsTransactional => false;

    /// <summary>True while some records are written but not yet committed (the transactional form).</summary>
    internal virtual bool HasUncommitted => false;

    /// <summary>Before the first record: settles what an earlier attempt left, from the restored states of the subtasks this writer claims.</summary>
    internal virtual void Recover(IReadOnlyList<ReadOnlyMemory<byte>> restored)
    {
    }

    /// <summary>The barrier of <paramref name="checkpointId"/> arrived (every batch before it is written): make it durable, record what the checkpoint keeps.</summary>
    internal virtual void SnapshotState(long checkpointId, StateWriter state) => Flush();

    /// <summary>Checkpoint <paramref name="checkpointId"/> is durable.</summary>
    internal virtual void CheckpointComplete(long checkpointId)
    {
    }

    /// <summary>The input ended (every batch is written). In a job a transactional writer waits for the final checkpoint instead.</summary>
    internal virtual void EndOfInput() => Flush();
}
