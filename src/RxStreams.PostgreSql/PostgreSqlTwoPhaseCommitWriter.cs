using System;
using System.Collections.Generic;
using System.Globalization;
using Npgsql;
using RxStreams.Sinks;

namespace RxStreams.PostgreSql;

/// <summary>
/// Writes a checkpoint's records in one database transaction, <c>PREPARE TRANSACTION</c>s it at the barrier with the
/// global id <c>{uid}.{subtask}.{guid}-c{checkpoint}</c>, and <c>COMMIT PREPARED</c>s it when the checkpoint completes.
/// At start it commits the prepared transactions the restored checkpoint holds and rolls back every other prepared
/// transaction of its uid and claimed subtasks (found in <c>pg_prepared_xacts</c> by prefix).
/// </summary>
internal sealed class PostgreSqlTwoPhaseCommitWriter<T> : PostgreSqlWriter<T>
{
    private const string UndefinedObject = "42704";

    private readonly string _columns;

    public PostgreSqlTwoPhaseCommitWriter(SinkContext context, string connectionString, PostgreSqlTable<T> table)
        : base(context, connectionString, table)
    {
        _columns = table.ColumnList();
        StartOrClose(
            () =>
            {
                using var show = new NpgsqlCommand("SHOW max_prepared_transactions", Control);
                if (Convert.ToInt32(show.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
                {
                    throw PreparedTransactionsOff(null);
                }

                PostgreSqlSchema.Check(Control, table, context);
                PostgreSqlNames.CreateCommitsTable(Control);
            },
            "checking the server and the table");
    }

    protected override PostgreSqlTransaction BeginTransaction()
    {
        Guard(() => Execute(Data, "BEGIN"), "beginning a transaction", Data);
        return new PostgreSqlTransaction(Context.NewTransactionName());
    }

    protected override void Write(PostgreSqlTransaction transaction, ReadOnlySpan<T> batch)
    {
        try
        {
            Copy(Table.Name, _columns, batch, null);
        }
        catch (Exception e) when (e is not SinkException)
        {
            throw PostgreSqlErrors.Wrap(Context, e, $"writing {batch.Length} rows into {Table.Name}", Data, Server);
        }
    }

    protected override void PreCommit(PostgreSqlTransaction transaction) => PreCommit(transaction, 0);

    protected override void PreCommit(PostgreSqlTransaction transaction, long checkpointId)
    {
        transaction.CheckpointId = checkpointId;
        transaction.Name += string.Create(CultureInfo.InvariantCulture, $"-c{checkpointId}");
        try
        {
            // The marker commits with the rows: a transaction later found neither prepared nor marked was rolled back.
            using (var marker = new NpgsqlCommand($"INSERT INTO {PostgreSqlNames.CommitsTable} (txn, checkpoint_id) VALUES ($1, $2)", Data))
            {
                marker.Parameters.Add(new NpgsqlParameter { Value = transaction.Name });
                marker.Parameters.Add(new NpgsqlParameter { Value = checkpointId });
                marker.ExecuteNonQuery();
            }

            Execute(Data, "PREPARE TRANSACTION " + PostgreSqlNames.Literal(transaction.Name));
        }
        catch (PostgresException e) when (e.SqlState == "55000" && e.MessageText.Contains("prepared transactions are disabled", StringComparison.Ordinal))
        {
            throw PreparedTransactionsOff(e);
        }
        catch (Exception e) when (e is not SinkException)
        {
            throw PostgreSqlErrors.Wrap(Context, e, $"preparing transaction '{transaction.Name}'", Data, Server);
        }

        Faults?.Invoke("prepared");
    }

    protected override void Commit(PostgreSqlTransaction transaction)
    {
        Faults?.Invoke("commit");
        try
        {
            Execute(Control, "COMMIT PREPARED " + PostgreSqlNames.Literal(transaction.Name));
        }
        catch (PostgresException e) when (e.SqlState == UndefinedObject)
        {
            // Committed already (by this writer before a crash, or by an earlier attempt's recovery), unless its marker is missing.
            if (!Committed(transaction))
            {
                throw new SinkException(
                    Context,
                    $"prepared transaction '{transaction.Name}' of checkpoint {transaction.CheckpointId} was rolled back, not committed: its rows are lost (was the job restored from a checkpoint older than its latest, or the transaction rolled back by hand?).",
                    e);
            }
        }
        catch (Exception e) when (e is not SinkException)
        {
            throw PostgreSqlErrors.Wrap(Context, e, $"committing prepared transaction '{transaction.Name}'", Control, Server);
        }

        Faults?.Invoke("committed");
    }

    protected override void Abort(PostgreSqlTransaction transaction) => Execute(Data, "ROLLBACK");

    private bool Committed(PostgreSqlTransaction transaction)
    {
        var found = false;
        Guard(
            () =>
            {
                using var query = new NpgsqlCommand($"SELECT 1 FROM {PostgreSqlNames.CommitsTable} WHERE txn = $1", Control);
                query.Parameters.Add(new NpgsqlParameter { Value = transaction.Name });
                found = query.ExecuteScalar() is not null;
            },
            $"checking that prepared transaction '{transaction.Name}' was committed",
            Control);
        return found;
    }

    protected override void AbortLingeringTransactions()
    {
        Faults?.Invoke("recover");
        var lingering = new List<string>();
        Guard(
            () =>
            {
                using var query = new NpgsqlCommand("SELECT gid FROM pg_prepared_xacts WHERE database = current_database() AND starts_with(gid, $1)", Control);
                query.Parameters.Add(new NpgsqlParameter { Value = Context.Uid + "." });
                using var reader = query.ExecuteReader();
                while (reader.Read())
                {
                    var gid = reader.GetString(0);
                    if (Context.IsOwnTransaction(gid))
                    {
                        lingering.Add(gid);
                    }
                }
            },
            "listing the prepared transactions an earlier attempt left",
            Control);
        foreach (var gid in lingering)
        {
            try
            {
                Execute(Control, "ROLLBACK PREPARED " + PostgreSqlNames.Literal(gid));
            }
            catch (PostgresException e) when (e.SqlState == UndefinedObject)
            {
                // Another writer that claims it (none should) or a concurrent recovery settled it first.
            }
            catch (Exception e) when (e is not SinkException)
            {
                throw PostgreSqlErrors.Wrap(Context, e, $"rolling back prepared transaction '{gid}'", Control, Server);
            }
        }
    }

    private SinkException PreparedTransactionsOff(Exception? cause) => new(
        Context,
        $"the PostgreSQL server at {Server} has max_prepared_transactions = 0, so it refuses PREPARE TRANSACTION, which the two-phase-commit sink needs: set max_prepared_transactions in postgresql.conf to at least the sink's parallelism × (MaxConcurrentCheckpoints + 1) and restart the server, or use PostgreSqlSink.Idempotent, which needs no prepared transactions.",
        cause);
}
