using System;
using System.Collections.Generic;
using System.Globalization;
using RxStreams.State;

namespace RxStreams.Sinks;

/// <summary>
/// The transactional form of a sink's writer (Flink's <c>TwoPhaseCommitSinkFunction</c>): records go into an open
/// transaction, which is pre-committed at a checkpoint barrier (its handle written into the checkpoint) and committed
/// when that checkpoint completes, so the external system shows exactly the records of completed checkpoints.
/// </summary>
/// <remarks>
/// <para>The lifecycle, all on one thread at a time:</para>
/// <list type="number">
/// <item><see cref="BeginTransaction"/> when a batch arrives and no transaction is open (so a checkpoint without records
/// has no transaction).</item>
/// <item><see cref="Write(TTransaction, ReadOnlySpan{T})"/> for each batch.</item>
/// <item><see cref="PreCommit(TTransaction)"/> at the barrier: flush, make durable, prepare; after it returns, <see cref="Commit"/> must be able
/// to succeed from the handle alone, in this process or another. The handle (<see cref="WriteHandle"/>) goes into the
/// checkpoint with every other pre-committed transaction not yet committed.</item>
/// <item><see cref="Commit"/> when a checkpoint at or after the barrier completes, in order. It must be idempotent:
/// after a recovery it is called again for transactions that may already be committed.</item>
/// <item><see cref="Abort"/> for the open transaction when the subscription ends without committing it.</item>
/// </list>
/// <para>Recovery: before its first record the writer commits every transaction the restored checkpoint pre-committed
/// (their completion notice may never have arrived), then calls <see cref="AbortLingeringTransactions"/>, which must
/// abort every other transaction of this sink's uid begun by a subtask this writer claims
/// (<see cref="SinkContext.IsOwnTransaction"/>); it runs at every start, so what a crashed run left is cleaned too.
/// Restoring a checkpoint older than the latest completed one is not exactly-once (its later transactions stay committed).</para>
/// <para>At the end of the input in a job, the sink waits for one more checkpoint to complete and commits with it
/// before the stream completes (Flink's final checkpoint). Outside a job there are no checkpoints: a transaction is
/// committed after a batch when <see cref="CommitWithoutCheckpoint"/> says so (by default after every batch), and at
/// the end; a failure loses the uncommitted records and repeats none (at-most-once).</para>
/// </remarks>
/// <typeparam name="T">The record type.</typeparam>
/// <typeparam name="TTransaction">The writer's transaction: what it needs to write into, pre-commit, commit or abort it.</typeparam>
public abstract class TwoPhaseCommitSinkWriter<T, TTransaction> : SinkWriter<T>
{
    private const byte StateVersion = 1;

    private readonly List<(long CheckpointId, TTransaction Transaction)> _pending = [];
    private TTransaction? _current;
    private bool _open;

    /// <summary>Creates the writer.</summary>
    /// <param name="context">Where it runs.</param>
    protected TwoPhaseCommitSinkWriter(SinkContext context)
        : base(context)
    {
    }

    /// <summary>Begins a transaction; name what it creates externally with <see cref="SinkContext.NewTransactionName"/>.</summary>
    /// <returns>The open transaction.</returns>
    protected abstract TTransaction BeginTransaction();

    /// <summary>Writes one batch of records into <paramref name="transaction"/>; the span is only valid during the call.</summary>
    /// <param name="transaction">The open transaction.</param>
    /// <param name="batch">One to <see cref="SinkOptions.BatchSize"/> records.</param>
    protected abstract void Write(TTransaction transaction, ReadOnlySpan<T> batch);

    /// <summary>
    /// Makes <paramref name="transaction"/> durable and ready to commit (flush + fsync, <c>PREPARE TRANSACTION</c>); no
    /// record is written into it afterwards.
    /// </summary>
    /// <param name="transaction">The open transaction.</param>
    protected abstract void PreCommit(TTransaction transaction);

    /// <summary>
    /// As <see cref="PreCommit(TTransaction)"/>, told the checkpoint whose barrier closes the transaction (0 outside a
    /// job), for a writer that records it (in its handle, or in the external system with the commit). Calls
    /// <see cref="PreCommit(TTransaction)"/> by default.
    /// </summary>
    /// <param name="transaction">The open transaction.</param>
    /// <param name="checkpointId">The checkpoint's id; 0 outside a job.</param>
    protected virtual void PreCommit(TTransaction transaction, long checkpointId) => PreCommit(transaction);

    /// <summary>
    /// Makes a pre-committed transaction visible (rename, <c>COMMIT PREPARED</c>). Idempotent: a transaction already
    /// committed, in this or an earlier run, is left as it is.
    /// </summary>
    /// <param name="transaction">A pre-committed transaction, or one read back by <see cref="ReadHandle"/>.</param>
    protected abstract void Commit(TTransaction transaction);

    /// <summary>Drops an open transaction and what was written into it.</summary>
    /// <param name="transaction">The transaction.</param>
    protected abstract void Abort(TTransaction transaction);

    /// <summary>
    /// Aborts every transaction of this sink that a subtask this writer claims began and that is still open or
    /// pre-committed (a crashed attempt's, or an earlier run's): called once at start, after the restored checkpoint's
    /// transactions were committed.
    /// </summary>
    protected abstract void AbortLingeringTransactions();

    /// <summary>Writes what <see cref="Commit"/> needs to finish <paramref name="transaction"/> in another process.</summary>
    /// <param name="transaction">A pre-committed transaction.</param>
    /// <param name="writer">The checkpoint's state.</param>
    protected abstract void WriteHandle(TTransaction transaction, StateWriter writer);

    /// <summary>Reads back a handle written by <see cref="WriteHandle"/>.</summary>
    /// <param name="reader">The checkpoint's state, positioned at the handle.</param>
    /// <returns>The transaction to commit.</returns>
    protected abstract TTransaction ReadHandle(ref StateReader reader);

    /// <summary>
    /// Outside a checkpointed job, called after each batch written into <paramref name="transaction"/>: true commits it
    /// now. By default true (one transaction per batch); a file sink answers from its rolling policy.
    /// </summary>
    /// <param name="transaction">The open transaction.</param>
    protected virtual bool CommitWithoutCheckpoint(TTransaction transaction) => true;

    /// <inheritdoc />
    protected internal sealed override void Write(ReadOnlySpan<T> batch)
    {
        if (!_open)
        {
            _current = BeginTransaction();
            _open = true;
        }

        Write(_current!, batch);
        if (!Context.IsCheckpointed && CommitWithoutCheckpoint(_current!))
        {
            CommitOpen();
        }
    }

    /// <summary>Does nothing: a transaction is made durable by <see cref="PreCommit(TTransaction)"/>.</summary>
    protected internal sealed override void Flush()
    {
    }

    /// <summary>Aborts the open transaction, if any; pre-committed ones are left for recovery. An override calls this first, then closes its connections.</summary>
    /// <param name="disposing">True from <see cref="SinkWriter{T}.Dispose()"/>.</param>
    protected override void Dispose(bool disposing)
    {
        if (disposing && _open)
        {
            _open = false;
            var transaction = _current!;
            _current = default;
            try
            {
                Abort(transaction);
            }
#pragma warning disable CA1031 // Disposing must not throw; what an abort leaves, AbortLingeringTransactions removes at the next start.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }

        base.Dispose(disposing);
    }

    internal override bool IsTransactional => true;

    internal override bool HasUncommitted => _open || _pending.Count > 0;

    internal override void Recover(IReadOnlyList<ReadOnlyMemory<byte>> restored)
    {
        var handles = new List<(long CheckpointId, TTransaction Transaction)>();
        foreach (var state in restored)
        {
            var reader = new StateReader(state.Span);
            var version = reader.ReadByte();
            if (version != StateVersion)
            {
                throw new SinkException(Context, string.Create(CultureInfo.InvariantCulture, $"the checkpoint holds sink state of version {version}; this release reads version {StateVersion}."));
            }

            var count = reader.ReadVarInt64();
            for (var i = 0; i < count; i++)
            {
                var checkpointId = reader.ReadVarInt64();
                handles.Add((checkpointId, ReadHandle(ref reader)));
            }
        }

        // Several old subtasks' transactions (after a rescale) commit in checkpoint order, as they would have.
        handles.Sort((a, b) => a.CheckpointId.CompareTo(b.CheckpointId));
        foreach (var (checkpointId, transaction) in handles)
        {
            Run(() => Commit(transaction), string.Create(CultureInfo.InvariantCulture, $"committing, after a restore, the transaction pre-committed at checkpoint {checkpointId}"));
        }

        Run(AbortLingeringTransactions, "aborting the transactions an earlier attempt left open");
    }

    internal override void SnapshotState(long checkpointId, StateWriter state)
    {
        if (_open)
        {
            _open = false;
            var transaction = _current!;
            _current = default;
            Run(() => PreCommit(transaction, checkpointId), string.Create(CultureInfo.InvariantCulture, $"pre-committing the transaction of checkpoint {checkpointId}"));
            _pending.Add((checkpointId, transaction));
        }

        state.WriteByte(StateVersion);
        state.WriteVarInt64(_pending.Count);
        foreach (var (id, transaction) in _pending)
        {
            state.WriteVarInt64(id);
            WriteHandle(transaction, state);
        }
    }

    internal override void CheckpointComplete(long checkpointId)
    {
        while (_pending.Count > 0 && _pending[0].CheckpointId <= checkpointId)
        {
            var (id, transaction) = _pending[0];
            Run(() => Commit(transaction), string.Create(CultureInfo.InvariantCulture, $"committing the transaction of checkpoint {id}"));
            _pending.RemoveAt(0);
        }
    }

    internal override void EndOfInput()
    {
        if (!Context.IsCheckpointed && _open)
        {
            CommitOpen();
        }
    }

    private void CommitOpen()
    {
        _open = false;
        var transaction = _current!;
        _current = default;
        Run(() => PreCommit(transaction, 0), "pre-committing a transaction outside a job");
        Run(() => Commit(transaction), "committing a transaction outside a job");
    }

    private void Run(Action action, string doing)
    {
        try
        {
            action();
        }
        catch (SinkException)
        {
            throw;
        }
        catch (Exception ex)
        {
            throw new SinkException(Context, $"{doing} failed: {ex.Message}", ex);
        }
    }
}
