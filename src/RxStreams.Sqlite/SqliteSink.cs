using System;
using System.Collections.Generic;
using RxStreams.Sinks;

namespace RxStreams.Sqlite;

/// <summary>
/// Writes records as rows of a SQLite table (the embedded default for exactly-once output). Exactly-once (the
/// default): each batch is inserted into a staging table beside the target (<c>rxstreams_staging_{table}</c>), tagged
/// with its transaction's name; at the checkpoint barrier the transaction is recorded as prepared (durably) in
/// <c>rxstreams_sink_transactions</c>, and when the checkpoint completes its rows move into the table and it is marked
/// committed with its checkpoint id, in one SQLite transaction, so a commit retried after a crash changes nothing.
/// At start, the table's columns are checked against the sink's (or the table is created); a mismatch fails with a
/// <see cref="SinkException"/> naming the columns. A database that is locked, missing or unwritable fails with
/// <see cref="SinkUnavailableException"/>.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class SqliteSink<T> : Sink<T>
{
    private readonly SqliteColumn<T>[] _columns;
    private readonly SqliteSinkOptions _sqlite;

    /// <summary>Creates the sink.</summary>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string (<c>Data Source=results.db</c>; add <c>Mode=ReadWrite</c> to refuse a missing database).</param>
    /// <param name="table">The target table.</param>
    /// <param name="columns">The columns written, in order; names must be distinct.</param>
    /// <param name="sqlite">Table creation and guarantee; null for the defaults.</param>
    /// <param name="options">Batching; null for <see cref="SinkOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">An argument is empty, or two columns share a name.</exception>
    public SqliteSink(string connectionString, string table, IReadOnlyList<SqliteColumn<T>> columns, SqliteSinkOptions? sqlite = null, SinkOptions? options = null)
        : base("SqliteSink", options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
        {
            throw new ArgumentException("A SQLite sink needs at least one column.", nameof(columns));
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in columns)
        {
            ArgumentNullException.ThrowIfNull(column, nameof(columns));
            if (!names.Add(column.Name))
            {
                throw new ArgumentException($"Two columns are named '{column.Name}'.", nameof(columns));
            }
        }

        _sqlite = sqlite ?? new SqliteSinkOptions();
        if (_sqlite.Guarantee == SinkGuarantee.None)
        {
            throw new ArgumentException("A SQLite sink is ExactlyOnce or AtLeastOnce.", nameof(sqlite));
        }

        ConnectionString = connectionString;
        Table = table;
        _columns = [.. columns];
    }

    /// <summary>The connection string.</summary>
    public string ConnectionString { get; }

    /// <summary>The target table.</summary>
    public string Table { get; }

    /// <inheritdoc />
    public override SinkGuarantee Guarantee => _sqlite.Guarantee;

    /// <inheritdoc />
    protected override SinkWriter<T> CreateWriter(SinkContext context)
    {
        var table = new SqliteTable<T>(context, ConnectionString, Table, _columns, _sqlite);
        if (_sqlite.Guarantee != SinkGuarantee.ExactlyOnce)
        {
            return new SqliteAppendWriter<T>(context, table);
        }

        try
        {
            table.PrepareStaging();
        }
        catch (Exception ex)
        {
            var error = table.Error(ex, "preparing the staging tables");
            table.Dispose();
            throw error;
        }

        return new SqliteSinkWriter<T>(context, table);
    }
}
