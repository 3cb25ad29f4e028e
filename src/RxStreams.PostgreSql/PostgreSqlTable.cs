using System;
using System.Collections.Generic;
using NpgsqlTypes;

namespace RxStreams.PostgreSql;

/// <summary>
/// The table a PostgreSQL sink writes to, and how a record fills a row: one <see cref="Column{TValue}"/> per written
/// column, in any order. The sink checks at start that the table has these columns with these types, and that every
/// column it does not write may be left out (nullable or with a default).
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class PostgreSqlTable<T>
{
    private readonly List<PostgreSqlColumn<T>> _columns = [];

    /// <summary>Describes a table.</summary>
    /// <param name="name">The table's name as written in SQL, optionally schema-qualified (<c>public.readings</c>); quote it yourself if it needs quotes.</param>
    public PostgreSqlTable(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The table's name as written in SQL.</summary>
    public string Name { get; }

    internal IReadOnlyList<PostgreSqlColumn<T>> Columns => _columns;

    /// <summary>Adds a written column; returns this table, for chaining.</summary>
    /// <typeparam name="TValue">The value's .NET type, written by Npgsql as <paramref name="type"/> (null as SQL NULL).</typeparam>
    /// <param name="name">The column's name (written quoted, so exactly as in the table).</param>
    /// <param name="value">The column's value for a record; called once per record, so keep it cheap.</param>
    /// <param name="type">The column's PostgreSQL type.</param>
    /// <returns>This table.</returns>
    public PostgreSqlTable<T> Column<TValue>(string name, Func<T, TValue> value, NpgsqlDbType type)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        foreach (var column in _columns)
        {
            if (string.Equals(column.Name, name, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Column '{name}' of table {Name} is given twice.", nameof(name));
            }
        }

        _columns.Add(new PostgreSqlColumn<T, TValue>(name, value, type));
        return this;
    }

    internal void Validate(string paramName)
    {
        if (_columns.Count == 0)
        {
            throw new ArgumentException($"Table {Name} has no columns to write: add them with Column(...).", paramName);
        }
    }

    /// <summary>The quoted column list, <c>("a", "b")</c>.</summary>
    internal string ColumnList()
    {
        var names = new string[_columns.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = PostgreSqlNames.Quote(_columns[i].Name);
        }

        return "(" + string.Join(", ", names) + ")";
    }
}
