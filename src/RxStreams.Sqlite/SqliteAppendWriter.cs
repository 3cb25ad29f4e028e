using System;
using RxStreams.Sinks;

namespace RxStreams.Sqlite;

/// <summary>The at-least-once SQLite writer: each batch inserted into the table in a transaction of its own.</summary>
internal sealed class SqliteAppendWriter<T>(SinkContext context, SqliteTable<T> table) : SinkWriter<T>(context)
{
    protected override void Write(ReadOnlySpan<T> batch)
    {
        try
        {
            table.Insert(batch, transaction: null);
        }
        catch (Exception ex)
        {
            throw table.Error(ex, $"inserting {batch.Length} rows");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            table.Dispose();
        }

        base.Dispose(disposing);
    }
}
