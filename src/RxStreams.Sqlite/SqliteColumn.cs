using System;

namespace RxStreams.Sqlite;

/// <summary>One column a <see cref="SqliteSink{T}"/> writes: its name, its declared SQL type, and the record's value for it.</summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class SqliteColumn<T>
{
    /// <summary>Creates the column.</summary>
    /// <param name="name">The column's name in the table.</param>
    /// <param name="type">Its declared type, as in <c>CREATE TABLE</c> (<c>TEXT</c>, <c>INTEGER</c>, <c>REAL</c>, <c>BLOB</c>, <c>NUMERIC</c>); an existing table must declare the same.</param>
    /// <param name="value">The record's value: a string, a number, a byte array, or null.</param>
    /// <exception cref="ArgumentException">The name or type is empty.</exception>
    public SqliteColumn(string name, string type, Func<T, object?> value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentNullException.ThrowIfNull(value);
        Name = name;
        Type = type.Trim();
        Value = value;
    }

    /// <summary>The column's name.</summary>
    public string Name { get; }

    /// <summary>Its declared SQL type.</summary>
    public string Type { get; }

    /// <summary>The record's value for it.</summary>
    public Func<T, object?> Value { get; }
}
