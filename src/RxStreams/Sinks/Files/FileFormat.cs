using System;
using System.Collections.Generic;
using System.Text.Json;

namespace RxStreams.Sinks;

/// <summary>
/// How a <see cref="FileSink{T}"/> turns records into bytes (Flink's <c>Encoder</c> factory): a file extension and a
/// <see cref="RecordEncoder{T}"/> per writer, so parallel writers share no scratch state.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public abstract class FileFormat<T>
{
    /// <summary>The part files' extension, with its dot (<c>.csv</c>).</summary>
    public abstract string Extension { get; }

    /// <summary>Creates the encoder of one writer.</summary>
    /// <returns>A new encoder, used from one thread at a time.</returns>
    public abstract RecordEncoder<T> CreateEncoder();
}

/// <summary>Ready-made file formats: CSV and JSON lines, UTF-8, one record per line.</summary>
public static class FileFormats
{
    /// <summary>
    /// CSV (RFC 4180): a header line at the top of every part file, then one line per record whose fields
    /// <paramref name="row"/> adds in header order; a field with a comma, quote or line break is quoted, numbers and
    /// dates are written with the invariant culture.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="header">The column names.</param>
    /// <param name="row">Adds a record's fields to the row, for example <c>(r, row) =&gt; row.Add(r.Sensor).Add(r.Value)</c>.</param>
    /// <returns>The format.</returns>
    /// <exception cref="ArgumentException">No columns, or a column name is null.</exception>
    public static FileFormat<T> Csv<T>(IReadOnlyList<string> header, Action<T, CsvRow> row)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(row);
        if (header.Count == 0)
        {
            throw new ArgumentException("A CSV format needs at least one column.", nameof(header));
        }

        for (var i = 0; i < header.Count; i++)
        {
            if (header[i] is null)
            {
                throw new ArgumentException($"Column {i} of the CSV header is null.", nameof(header));
            }
        }

        return new CsvFormat<T>([.. header], row);
    }

    /// <summary>JSON lines: each record serialized by System.Text.Json on a line of its own.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="options">Serializer options (property naming, converters); null for the defaults.</param>
    /// <returns>The format.</returns>
    public static FileFormat<T> JsonLines<T>(JsonSerializerOptions? options = null) => new JsonLinesFormat<T>(options);
}
