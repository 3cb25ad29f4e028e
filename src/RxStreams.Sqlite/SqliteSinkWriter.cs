using System;
using RxStreams.Sinks;
using RxStreams.State;

namespace RxStreams.Sqlite;

/// <summary>The exactly-once SQLite writer: rows staged per transaction, moved into the table when the checkpoint completes.</summary>
internal sealed class SqliteSinkWriter<T>(SinkContext context, SqliteTable<T> table) : TwoPhaseCommitSinkWriter<T, StagedTransaction>(context)
{
    protected override StagedTransaction BeginTransaction() => new(Context.NewTransactionName());

    protected override void Write(StagedTransaction transaction, ReadOnlySpan<T> batch)
    {
        try
        {
            table.Insert(batch, transaction.Name);
        }
        catch (Exception ex)
        {
            throw table.Error(ex, $"staging {batch.Length} rows");
        }
    }

    protected override void PreCommit(StagedTransaction transaction) => PreCommit(transaction, 0);

    protected override void PreCommit(StagedTransaction transaction, long checkpointId)
    {
        transaction.CheckpointId = checkpointId;
        try
        {
            table.Prepare(transaction.Name, checkpointId);
        }
        catch (Exception ex)
        {
            throw table.Error(ex, $"preparing transaction '{transaction.Name}'");
        }
    }

    protected override void Commit(StagedTransaction transaction)
    {
        try
        {
            table.Commit(transaction.Name);
        }
        catch (Exception ex)
        {
            throw table.Error(ex, $"committing transaction '{transaction.Name}' of checkpoint {transaction.CheckpointId}");
        }
    }

    protected override void Abort(StagedTransaction transaction) => table.Abort([transaction.Name]);

    protected override void AbortLingeringTransactions()
    {
        try
        {
            table.Abort(table.OwnOpenTransactions());
        }
        catch (Exception ex)
        {
            throw table.Error(ex, "aborting the transactions an earlier attempt left");
        }
    }

    protected override void WriteHandle(StagedTransaction transaction, StateWriter writer)
    {
        writer.WriteString(transaction.Name);
        writer.WriteVarInt64(transaction.CheckpointId);
    }

    protected override StagedTransaction ReadHandle(ref StateReader reader) =>
        new(reader.ReadString()!) { CheckpointId = reader.ReadVarInt64() };

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            table.Dispose();
        }
    }
}
