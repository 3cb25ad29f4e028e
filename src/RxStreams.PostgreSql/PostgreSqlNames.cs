using System;

namespace RxStreams.PostgreSql;

/// <summary>Quoting of identifiers and literals, and the sink's own tables.</summary>
internal static class PostgreSqlNames
{
    /// <summary>The table where the idempotent sink records each moved transaction with its checkpoint id.</summary>
    public const string CommitsTable = "rxstreams_sink_commits";

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>The staging table of <paramref name="table"/>: its name with <c>_rxstreams_staging</c> appended, in the same schema.</summary>
    public static string Staging(string table) =>
        table.EndsWith('"') ? table[..^1] + "_rxstreams_staging\"" : table + "_rxstreams_staging";
}
