using System;

namespace RxStreams.PostgreSql;

/// <summary>Quoting of identifiers and literals, and the sink's own tables.</summary>
internal static class PostgreSqlNames
{
    /// <summary>
    /// The table where both sinks record each committed transaction with its checkpoint id: the 2PC sink inside the
    /// prepared transaction (so a prepared transaction that has vanished can be told committed from rolled back), the
    /// idempotent sink in the move. One row per checkpoint and subtask.
    /// </summary>
    public const string CommitsTable = "rxstreams_sink_commits";

    /// <summary>Creates <see cref="CommitsTable"/> where missing; writers racing to create it retry.</summary>
    public static void CreateCommitsTable(Npgsql.NpgsqlConnection connection)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var create = new Npgsql.NpgsqlCommand(
                    $"CREATE TABLE IF NOT EXISTS {CommitsTable} (txn text PRIMARY KEY, checkpoint_id bigint NOT NULL, committed_at timestamptz NOT NULL DEFAULT now())",
                    connection);
                create.ExecuteNonQuery();
                return;
            }
            catch (Npgsql.PostgresException e) when (e.SqlState is "23505" or "42P07" && attempt < 3)
            {
            }
        }
    }

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>The staging table of <paramref name="table"/>: its name with <c>_rxstreams_staging</c> appended, in the same schema.</summary>
    public static string Staging(string table) =>
        table.EndsWith('"') ? table[..^1] + "_rxstreams_staging\"" : table + "_rxstreams_staging";
}
