using System;
using Npgsql;
using RxStreams.Sinks;
using RxStreams.State;

namespace RxStreams.PostgreSql;

/// <summary>
/// What both PostgreSQL writers share: a data connection (batches are written on it with binary COPY, one round trip
/// per batch), a control connection (commits and aborts, which must not run inside the data connection's open
/// transaction), the schema check at start, and the transaction's handle in checkpoints (its name and the checkpoint it was pre-committed at).
/// </summary>
internal abstract class PostgreSqlWriter<T> : TwoPhaseCommitSinkWriter<T, PostgreSqlTransaction>
{
    protected PostgreSqlWriter(SinkContext context, string connectionString, PostgreSqlTable<T> table)
        : base(context)
    {
        Table = table;
        Server = PostgreSqlErrors.Server(connectionString);
        try
        {
            Data = new NpgsqlConnection(connectionString);
            Data.Open();
            Control = new NpgsqlConnection(connectionString);
            Control.Open();
        }
        catch (Exception e)
        {
            Data?.Dispose();
            Control?.Dispose();
            throw PostgreSqlErrors.Wrap(context, e, $"connecting to {Server}", null, Server);
        }
    }

    protected PostgreSqlTable<T> Table { get; }

    /// <summary>The sink's fault injector (tests only).</summary>
    internal Action<string>? Faults { get; init; }

    protected string Server { get; }

    protected NpgsqlConnection Data { get; }

    protected NpgsqlConnection Control { get; }

    protected override void WriteHandle(PostgreSqlTransaction transaction, StateWriter writer)
    {
        writer.WriteString(transaction.Name);
        writer.WriteVarInt64(transaction.CheckpointId);
    }

    protected override PostgreSqlTransaction ReadHandle(ref StateReader reader) =>
        new(reader.ReadString()!) { CheckpointId = reader.ReadVarInt64() };

    /// <summary>Writes <paramref name="batch"/> into <paramref name="table"/> with one binary COPY; <paramref name="tag"/>, when given, fills a last text column.</summary>
    protected void Copy(string table, string columns, ReadOnlySpan<T> batch, string? tag)
    {
        var written = Table.Columns;
        using var importer = Data.BeginBinaryImport($"COPY {table} {columns} FROM STDIN (FORMAT BINARY)");
        foreach (var record in batch)
        {
            importer.StartRow();
            for (var c = 0; c < written.Count; c++)
            {
                written[c].Write(importer, record);
            }

            if (tag is not null)
            {
                importer.Write(tag, NpgsqlTypes.NpgsqlDbType.Text);
            }
        }

        importer.Complete();
    }

    protected static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>Runs <paramref name="action"/>; Npgsql's errors become the sink's, naming what it was doing.</summary>
    protected void Guard(Action action, string doing, NpgsqlConnection connection)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is not SinkException)
        {
            throw PostgreSqlErrors.Wrap(Context, e, doing, connection, Server);
        }
    }

    /// <summary>A check in a writer's constructor: on failure the connections are closed (no one will dispose the writer) and the sink's error thrown.</summary>
    protected void StartOrClose(Action check, string doing)
    {
        try
        {
            Guard(check, doing, Control);
        }
        catch
        {
            Data.Dispose();
            Control.Dispose();
            throw;
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Data.Dispose();
            Control.Dispose();
        }
    }
}
