using System;
using System.Collections.Generic;
using Npgsql;
using RxStreams.Sinks;

namespace RxStreams.PostgreSql;

/// <summary>
/// Exactly-once without prepared transactions: each batch is committed into the staging table (the target's columns
/// plus <c>rxstreams_txn</c>, the transaction's tag) as it comes; when the checkpoint completes, one transaction moves
/// the tag's rows into the target (<c>INSERT … ON CONFLICT DO NOTHING</c>, deleting them from staging) and records the
/// tag with its checkpoint id in <c>rxstreams_sink_commits</c>. A repeated move finds nothing left to move. At start,
/// staged rows of the restored checkpoint are moved and every other staged row of its uid and claimed subtasks is deleted.
/// </summary>
internal sealed class PostgreSqlIdempotentWriter<T> : PostgreSqlWriter<T>
{
    private readonly string _staging;
    private readonly string _stagingColumns;
    private readonly string _move;

    public PostgreSqlIdempotentWriter(SinkContext context, string connectionString, PostgreSqlTable<T> table)
        : base(context, connectionString, table)
    {
        _staging = PostgreSqlNames.Staging(table.Name);
        var columns = table.ColumnList();
        _stagingColumns = columns[..^1] + ", rxstreams_txn)";
        _move = $"""
            WITH moved AS (DELETE FROM {_staging} WHERE rxstreams_txn = $1 RETURNING {columns[1..^1]})
            INSERT INTO {table.Name} {columns} SELECT {columns[1..^1]} FROM moved ON CONFLICT DO NOTHING
            """;
        StartOrClose(
            () =>
            {
                PostgreSqlSchema.Check(Control, table, context);
                CreateOwnTables(columns);
            },
            "checking the table and creating the staging tables");
    }

    protected override PostgreSqlTransaction BeginTransaction() => new(Context.NewTransactionName());

    protected override void Write(PostgreSqlTransaction transaction, ReadOnlySpan<T> batch)
    {
        try
        {
            Copy(_staging, _stagingColumns, batch, transaction.Name);
        }
        catch (Exception e) when (e is not SinkException)
        {
            throw PostgreSqlErrors.Wrap(Context, e, $"staging {batch.Length} rows in {_staging}", Data, Server);
        }
    }

    protected override void PreCommit(PostgreSqlTransaction transaction) => PreCommit(transaction, 0);

    /// <summary>Every batch is already committed into staging: only the checkpoint id is noted.</summary>
    protected override void PreCommit(PostgreSqlTransaction transaction, long checkpointId)
    {
        transaction.CheckpointId = checkpointId;
        Faults?.Invoke("prepared");
    }

    protected override void Commit(PostgreSqlTransaction transaction)
    {
        Faults?.Invoke("commit");
        Guard(
            () =>
            {
                using var tx = Control.BeginTransaction();
                using (var move = new NpgsqlCommand(_move, Control, tx))
                {
                    move.Parameters.Add(new NpgsqlParameter { Value = transaction.Name });
                    move.ExecuteNonQuery();
                }

                using (var record = new NpgsqlCommand(
                    $"INSERT INTO {PostgreSqlNames.CommitsTable} (txn, checkpoint_id) VALUES ($1, $2) ON CONFLICT DO NOTHING", Control, tx))
                {
                    record.Parameters.Add(new NpgsqlParameter { Value = transaction.Name });
                    record.Parameters.Add(new NpgsqlParameter { Value = transaction.CheckpointId });
                    record.ExecuteNonQuery();
                }

                tx.Commit();
            },
            $"moving the staged rows of '{transaction.Name}' into {Table.Name}",
            Control);
        Faults?.Invoke("committed");
    }

    protected override void Abort(PostgreSqlTransaction transaction) => Delete(transaction.Name);

    protected override void AbortLingeringTransactions()
    {
        Faults?.Invoke("recover");
        var lingering = new List<string>();
        Guard(
            () =>
            {
                using var query = new NpgsqlCommand($"SELECT DISTINCT rxstreams_txn FROM {_staging} WHERE starts_with(rxstreams_txn, $1)", Control);
                query.Parameters.Add(new NpgsqlParameter { Value = Context.Uid + "." });
                using var reader = query.ExecuteReader();
                while (reader.Read())
                {
                    var tag = reader.GetString(0);
                    if (Context.IsOwnTransaction(tag))
                    {
                        lingering.Add(tag);
                    }
                }
            },
            $"listing the rows an earlier attempt left in {_staging}",
            Control);
        foreach (var tag in lingering)
        {
            Guard(() => Delete(tag), $"deleting the staged rows of '{tag}'", Control);
        }
    }

    private void Delete(string tag)
    {
        using var delete = new NpgsqlCommand($"DELETE FROM {_staging} WHERE rxstreams_txn = $1", Control);
        delete.Parameters.Add(new NpgsqlParameter { Value = tag });
        delete.ExecuteNonQuery();
    }

    private void CreateOwnTables(string columns)
    {
        // The staging table copies the target's columns, defaults and NOT NULL constraints (not its keys), so a row the
        // target would refuse is refused when staged, before its checkpoint, not when a completed checkpoint is moved.
        // No index on rxstreams_txn: staging holds only uncommitted rows, so the move's scan is short, and an index cost
        // every staged row more (a 200 K-row bench run: 89 K rows/s with it, 113 K without).
        // Parallel writers may race to create them: IF NOT EXISTS can still collide in the catalog, so a collision is retried.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                Execute(Control, $"""
                    CREATE TABLE IF NOT EXISTS {_staging} (LIKE {Table.Name} INCLUDING DEFAULTS);
                    ALTER TABLE {_staging} ADD COLUMN IF NOT EXISTS rxstreams_txn text NOT NULL DEFAULT '';
                    """);
                PostgreSqlNames.CreateCommitsTable(Control);
                return;
            }
            catch (PostgresException e) when (e.SqlState is "23505" or "42P07" && attempt < 3)
            {
            }
        }
    }
}
