using System;
using Npgsql;
using NpgsqlTypes;

namespace RxStreams.PostgreSql;

/// <summary>One written column: its name, type, and how a record's value is written into a binary COPY row.</summary>
internal abstract class PostgreSqlColumn<T>(string name, NpgsqlDbType type)
{
    public string Name { get; } = name;

    public NpgsqlDbType Type { get; } = type;

    public abstract void Write(NpgsqlBinaryImporter importer, T record);
}

/// <summary>A column whose value has the .NET type <typeparamref name="TValue"/>: written without boxing.</summary>
internal sealed class PostgreSqlColumn<T, TValue>(string name, Func<T, TValue> value, NpgsqlDbType type) : PostgreSqlColumn<T>(name, type)
{
    public override void Write(NpgsqlBinaryImporter importer, T record)
    {
        var v = value(record);
        if (v is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(v, Type);
        }
    }
}
