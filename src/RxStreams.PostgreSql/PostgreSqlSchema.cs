using System;
using System.Collections.Generic;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using RxStreams.Sinks;

namespace RxStreams.PostgreSql;

/// <summary>Checks at start that the target table exists and fits the sink's columns, so a wrong schema fails before the first record.</summary>
internal static class PostgreSqlSchema
{
    public static void Check<T>(NpgsqlConnection connection, PostgreSqlTable<T> table, SinkContext context)
    {
        using var command = new NpgsqlCommand(
            """
            SELECT a.attname, t.typname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> ''
            FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
            WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = table.Name });
        var actual = new Dictionary<string, (string Type, string Display, bool NotNull, bool HasDefault)>(StringComparer.Ordinal);
        var order = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                actual[reader.GetString(0)] = (reader.GetString(1), reader.GetString(2), reader.GetBoolean(3), reader.GetBoolean(4));
                order.Add(reader.GetString(0));
            }
        }

        if (actual.Count == 0)
        {
            throw new SinkException(context, $"table {table.Name} does not exist in database '{connection.Database}' (create it before the job starts).");
        }

        var problems = new StringBuilder();
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in table.Columns)
        {
            written.Add(column.Name);
            if (!actual.TryGetValue(column.Name, out var found))
            {
                Append(problems, $"it has no column \"{column.Name}\"");
            }
            else if (TypeName(column.Type) is { } expected && !string.Equals(expected, found.Type, StringComparison.Ordinal))
            {
                Append(problems, $"column \"{column.Name}\" is {found.Display}, but the sink writes {expected}");
            }
        }

        foreach (var name in order)
        {
            var column = actual[name];
            if (!written.Contains(name) && column.NotNull && !column.HasDefault)
            {
                Append(problems, $"column \"{name}\" is NOT NULL without a default, and the sink does not write it");
            }
        }

        if (problems.Length > 0)
        {
            throw new SinkException(context, $"table {table.Name} does not fit the sink: {problems}. Its columns: {Describe(order, actual)}.");
        }
    }

    private static void Append(StringBuilder problems, string problem)
    {
        if (problems.Length > 0)
        {
            problems.Append("; ");
        }

        problems.Append(problem);
    }

    private static string Describe(List<string> order, Dictionary<string, (string Type, string Display, bool NotNull, bool HasDefault)> columns)
    {
        var parts = new string[order.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = $"\"{order[i]}\" {columns[order[i]].Display}";
        }

        return string.Join(", ", parts);
    }

    /// <summary>The <c>pg_type.typname</c> a column of <paramref name="type"/> has; null for types not checked.</summary>
    private static string? TypeName(NpgsqlDbType type) => type switch
    {
        NpgsqlDbType.Bigint => "int8",
        NpgsqlDbType.Integer => "int4",
        NpgsqlDbType.Smallint => "int2",
        NpgsqlDbType.Text => "text",
        NpgsqlDbType.Varchar => "varchar",
        NpgsqlDbType.Double => "float8",
        NpgsqlDbType.Real => "float4",
        NpgsqlDbType.Boolean => "bool",
        NpgsqlDbType.Numeric => "numeric",
        NpgsqlDbType.TimestampTz => "timestamptz",
        NpgsqlDbType.Timestamp => "timestamp",
        NpgsqlDbType.Date => "date",
        NpgsqlDbType.Uuid => "uuid",
        NpgsqlDbType.Jsonb => "jsonb",
        NpgsqlDbType.Json => "json",
        NpgsqlDbType.Bytea => "bytea",
        _ => null,
    };
}
