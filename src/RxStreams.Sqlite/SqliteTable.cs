using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.Data.Sqlite;
using RxStreams.Sinks;

namespace RxStreams.Sqlite;

/// <summary>
/// One writer's connection to the sink's database: the target table (checked or created at start), the staging table
/// beside it (<c>rxstreams_staging_{table}</c>, rows of transactions not yet committed, each tagged with its
/// transaction's name) and the transactions table (<c>rxstreams_sink_transactions</c>: every pre-committed and
/// committed transaction with its sink, subtask and checkpoint id).
/// </summary>
internal sealed class SqliteTable<T> : IDisposable
{
    public const string TransactionsTable = "rxstreams_sink_transactions";
    private const string TransactionColumn = "rxstreams_txn";

    private readonly SinkContext _context;
    private readonly string _table;
    private readonly SqliteColumn<T>[] _columns;
    private readonly SqliteConnection _connection;
    private SqliteCommand? _insert;
    private SqliteParameter[] _parameters = [];

    public SqliteTable(SinkContext context, string connectionString, string table, SqliteColumn<T>[] columns, SqliteSinkOptions options)
    {
        _context = context;
        _table = table;
        _columns = columns;
        // Microsoft.Data.Sqlite retries a busy database for its command timeout (30 s by default) on top of busy_timeout.
        var builder = new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)) };
        _connection = new SqliteConnection(builder.ToString());
        try
        {
            _connection.Open();
            Execute(string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds}"));
            using (var journal = _connection.CreateCommand())
            {
                journal.CommandText = "PRAGMA journal_mode = WAL";
                journal.ExecuteScalar();
            }

            Execute("PRAGMA synchronous = NORMAL");
            CheckOrCreate(_table, [], options.CreateTable, staging: false);
        }
        catch (Exception ex) when (ex is SqliteException)
        {
            _connection.Dispose();
            throw Error(ex, $"opening table '{table}'");
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    public SqliteConnection Connection => _connection;

    public string StagingTable => "rxstreams_staging_" + _table;

    /// <summary>Creates the staging and transactions tables when missing (exactly-once only).</summary>
    public void PrepareStaging()
    {
        Execute($"CREATE TABLE IF NOT EXISTS {TransactionsTable} (txn TEXT PRIMARY KEY, sink TEXT NOT NULL, subtask INTEGER NOT NULL, checkpoint INTEGER NOT NULL, state TEXT NOT NULL)");
        CheckOrCreate(StagingTable, [$"{TransactionColumn} TEXT NOT NULL"], create: true, staging: true);

        // No index on the transaction column: the staging table only holds the transactions not yet committed (a
        // checkpoint or two), so a commit's scan is short, and every staged row would pay for the index.
    }

    /// <summary>Inserts <paramref name="batch"/> into the target table, or with a transaction name into the staging table, in one SQLite transaction.</summary>
    public void Insert(ReadOnlySpan<T> batch, string? transaction)
    {
        var command = _insert ??= PrepareInsert(transaction is not null);
        using var sqlite = _connection.BeginTransaction();
        command.Transaction = sqlite;
        var offset = transaction is null ? 0 : 1;
        if (transaction is not null)
        {
            _parameters[0].Value = transaction;
        }

        foreach (var record in batch)
        {
            for (var i = 0; i < _columns.Length; i++)
            {
                _parameters[i + offset].Value = _columns[i].Value(record) ?? DBNull.Value;
            }

            command.ExecuteNonQuery();
        }

        sqlite.Commit();
    }

    /// <summary>Records <paramref name="transaction"/> as prepared, durably (the staged rows become durable with it).</summary>
    public void Prepare(string transaction, long checkpointId)
    {
        Execute("PRAGMA synchronous = FULL");
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = $"INSERT OR REPLACE INTO {TransactionsTable} (txn, sink, subtask, checkpoint, state) VALUES ($txn, $sink, $subtask, $checkpoint, 'prepared')";
            command.Parameters.AddWithValue("$txn", transaction);
            command.Parameters.AddWithValue("$sink", _context.Uid);
            command.Parameters.AddWithValue("$subtask", _context.Subtask);
            command.Parameters.AddWithValue("$checkpoint", checkpointId);
            command.ExecuteNonQuery();
        }
        finally
        {
            Execute("PRAGMA synchronous = NORMAL");
        }
    }

    /// <summary>
    /// Moves the staged rows of <paramref name="transaction"/> into the table and marks it committed, in one SQLite
    /// transaction; a transaction already committed is left alone. Returns false when it was.
    /// </summary>
    public bool Commit(string transaction)
    {
        Execute("PRAGMA synchronous = FULL");
        try
        {
            using var sqlite = _connection.BeginTransaction(deferred: false);
            using var state = Command($"SELECT state FROM {TransactionsTable} WHERE txn = $txn", sqlite, transaction);
            switch (state.ExecuteScalar() as string)
            {
                case "committed":
                    return false;
                case "prepared":
                    break;
                default:
                    throw new SinkException(_context, $"transaction '{transaction}' was never prepared in the database (or its record was deleted outside the sink): its rows cannot be committed.");
            }

            var columns = string.Join(", ", _columns.Select(c => Quote(c.Name)));
            using (var move = Command($"INSERT INTO {Quote(_table)} ({columns}) SELECT {columns} FROM {Quote(StagingTable)} WHERE {TransactionColumn} = $txn ORDER BY rowid", sqlite, transaction))
            {
                move.ExecuteNonQuery();
            }

            using (var delete = Command($"DELETE FROM {Quote(StagingTable)} WHERE {TransactionColumn} = $txn", sqlite, transaction))
            {
                delete.ExecuteNonQuery();
            }

            using (var mark = Command($"UPDATE {TransactionsTable} SET state = 'committed' WHERE txn = $txn", sqlite, transaction))
            {
                mark.ExecuteNonQuery();
            }

            sqlite.Commit();
            return true;
        }
        finally
        {
            Execute("PRAGMA synchronous = NORMAL");
        }
    }

    /// <summary>Deletes the staged rows and prepared record of each named transaction.</summary>
    public void Abort(IReadOnlyCollection<string> transactions)
    {
        if (transactions.Count == 0)
        {
            return;
        }

        using var sqlite = _connection.BeginTransaction();
        foreach (var transaction in transactions)
        {
            using (var delete = Command($"DELETE FROM {Quote(StagingTable)} WHERE {TransactionColumn} = $txn", sqlite, transaction))
            {
                delete.ExecuteNonQuery();
            }

            using var forget = Command($"DELETE FROM {TransactionsTable} WHERE txn = $txn AND state = 'prepared'", sqlite, transaction);
            forget.ExecuteNonQuery();
        }

        sqlite.Commit();
    }

    /// <summary>The staged or prepared, not committed, transactions that this writer claims (<see cref="SinkContext.IsOwnTransaction"/>).</summary>
    public List<string> OwnOpenTransactions()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        using (var staged = _connection.CreateCommand())
        {
            staged.CommandText = $"SELECT DISTINCT {TransactionColumn} FROM {Quote(StagingTable)}";
            using var reader = staged.ExecuteReader();
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }
        }

        using (var prepared = _connection.CreateCommand())
        {
            prepared.CommandText = $"SELECT txn FROM {TransactionsTable} WHERE sink = $sink AND state = 'prepared'";
            prepared.Parameters.AddWithValue("$sink", _context.Uid);
            using var reader = prepared.ExecuteReader();
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }
        }

        return names.Where(_context.IsOwnTransaction).ToList();
    }

    public void Dispose()
    {
        _insert?.Dispose();
        _connection.Dispose();
    }

    /// <summary>
    /// A failure of SQLite as a sink error: busy, locked, unable to open, I/O, full or read-only (what a restart may
    /// mend) as <see cref="SinkUnavailableException"/>, the rest as <see cref="SinkException"/>.
    /// </summary>
    public SinkException Error(Exception error, string doing)
    {
        if (error is SinkException sink)
        {
            return sink;
        }

        var code = (error as SqliteException)?.SqliteErrorCode ?? -1;
        var message = $"{doing} in the SQLite database '{_connection.DataSource}' failed: {error.Message}";
        return code is 5 or 6 or 8 or 10 or 13 or 14 or 26
            ? new SinkUnavailableException(_context, message, error)
            : new SinkException(_context, message, error);
    }

    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private SqliteCommand PrepareInsert(bool staging)
    {
        var names = new StringBuilder();
        var values = new StringBuilder();
        var parameters = new List<SqliteParameter>();
        var command = _connection.CreateCommand();
        if (staging)
        {
            names.Append(TransactionColumn);
            values.Append("$txn");
            parameters.Add(command.Parameters.Add("$txn", SqliteType.Text));
        }

        for (var i = 0; i < _columns.Length; i++)
        {
            if (names.Length > 0)
            {
                names.Append(", ");
                values.Append(", ");
            }

            var name = string.Create(CultureInfo.InvariantCulture, $"$p{i}");
            names.Append(Quote(_columns[i].Name));
            values.Append(name);
            parameters.Add(command.Parameters.Add(new SqliteParameter { ParameterName = name }));
        }

        command.CommandText = $"INSERT INTO {Quote(staging ? StagingTable : _table)} ({names}) VALUES ({values})";
        _parameters = [.. parameters];
        command.Prepare();
        return command;
    }

    private SqliteCommand Command(string sql, SqliteTransaction transaction, string name)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$txn", name);
        return command;
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private void CheckOrCreate(string table, string[] leading, bool create, bool staging)
    {
        var existing = new List<(string Name, string Type, bool Required)>();
        using (var info = _connection.CreateCommand())
        {
            info.CommandText = $"PRAGMA table_info({Quote(table)})";
            using var reader = info.ExecuteReader();
            while (reader.Read())
            {
                // A column must be given when it is NOT NULL without a default and not the rowid alias.
                var required = reader.GetInt64(3) != 0 && reader.IsDBNull(4) && reader.GetInt64(5) == 0;
                existing.Add((reader.GetString(1), reader.GetString(2), required));
            }
        }

        var definition = string.Join(", ", leading.Concat(_columns.Select(c => $"{Quote(c.Name)} {c.Type}")));
        if (existing.Count == 0)
        {
            if (!create)
            {
                throw new SinkException(_context, $"the table '{table}' does not exist in '{_connection.DataSource}' (CreateTable is off). The sink writes: {definition}.");
            }

            Execute($"CREATE TABLE {Quote(table)} ({definition})");
            return;
        }

        var problems = new List<string>();
        foreach (var column in _columns)
        {
            var found = existing.FindIndex(e => string.Equals(e.Name, column.Name, StringComparison.OrdinalIgnoreCase));
            if (found < 0)
            {
                problems.Add($"column '{column.Name}' is missing");
            }
            else if (!string.Equals(existing[found].Type, column.Type, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"column '{column.Name}' is {(existing[found].Type.Length == 0 ? "untyped" : existing[found].Type)} in the table, {column.Type} in the sink");
            }
        }

        foreach (var (name, _, required) in existing)
        {
            if (required && !_columns.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))
                && !(staging && name == TransactionColumn))
            {
                problems.Add($"column '{name}' is NOT NULL without a default, and the sink does not write it");
            }
        }

        if (problems.Count == 0)
        {
            return;
        }

        if (staging && IsEmpty(table))
        {
            // The target's columns changed and nothing is staged: the staging table follows them.
            Execute($"DROP TABLE {Quote(table)}");
            Execute($"CREATE TABLE {Quote(table)} ({definition})");
            return;
        }

        throw new SinkException(
            _context,
            $"the table '{table}' in '{_connection.DataSource}' does not match the sink: {string.Join("; ", problems)}. " +
            $"The table has: {string.Join(", ", existing.Select(e => $"{e.Name} {e.Type}"))}. The sink writes: {definition}.");
    }

    private bool IsEmpty(string table)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT EXISTS (SELECT 1 FROM {Quote(table)})";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 0;
    }
}
