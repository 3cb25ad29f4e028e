using System;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using RxStreams.Ingestion;

namespace RxStreams;

/// <summary>
/// Replayable sources over files of lines (Flink's <c>FileSource</c> with a CSV or JSON-lines format): one file, the
/// files of a directory, or a glob (<c>/data/*.csv</c>, <c>/data/**/part-*.jsonl</c>), read by byte offset from a large
/// pooled buffer. Bad lines are never skipped silently: each fails the source with a <see cref="FileSourceException"/>
/// naming the file, line number, byte offset and raw text, or, with <see cref="FileSourceOptions.DeadLetters"/>, goes
/// there as a dead letter whose record is a <see cref="FileLine"/>.
/// </summary>
public static class FileSource
{
    /// <summary>
    /// CSV (RFC 4180: quoted fields, doubled quotes inside them, CRLF or LF line breaks, an optional header row, a
    /// UTF-8 byte order mark skipped), each record mapped by <paramref name="map"/> from a <see cref="CsvRow"/> that
    /// parses fields in place: <c>row =&gt; new Reading(row.GetString(0), row.GetInt64(1), row.GetDouble(2))</c>. A
    /// record with an unbalanced quote, text after a closing quote, a quote in an unquoted field, another number of
    /// fields than the header's (or <see cref="CsvOptions.FieldCount"/>), a field that does not parse, or a mapping that
    /// throws is a bad line.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="path">A file, a directory (its files, not its subdirectories) or a glob.</param>
    /// <param name="map">Maps a record's fields to a <typeparamref name="T"/>.</param>
    /// <param name="options">Header, delimiter, follow mode, dead letters, name; the defaults when null.</param>
    public static FileSource<T> Csv<T>(string path, CsvRowMapper<T> map, CsvOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(map);
        options ??= new CsvOptions();
        options.Validate();
        return new FileSource<T>(new FileSet(path), () => new CsvFormat<T>(map, options), options, 0, 1);
    }

    /// <summary>
    /// JSON lines: each line one JSON value deserialized by System.Text.Json with <paramref name="typeInfo"/> (from a
    /// <c>JsonSerializerContext</c>, so it works trimmed and ahead-of-time compiled). Invalid JSON, a JSON <c>null</c>
    /// and an empty line are bad lines.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="path">A file, a directory (its files, not its subdirectories) or a glob.</param>
    /// <param name="typeInfo">The type's serialization metadata.</param>
    /// <param name="options">Follow mode, dead letters, name; the defaults when null.</param>
    public static FileSource<T> JsonLines<T>(string path, JsonTypeInfo<T> typeInfo, FileSourceOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(typeInfo);
        options ??= new FileSourceOptions();
        options.Validate();
        return new FileSource<T>(new FileSet(path), () => new JsonLinesFormat<T>(typeInfo), options, 0, 1);
    }

    /// <summary>
    /// JSON lines deserialized with reflection-based metadata from <paramref name="json"/> (the web defaults when
    /// null: camelCase names matched case-insensitively). Prefer the <see cref="JsonTypeInfo{T}"/> overload for trimmed or
    /// ahead-of-time compiled applications.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="path">A file, a directory (its files, not its subdirectories) or a glob.</param>
    /// <param name="json">The serializer options; <see cref="JsonSerializerOptions.Web"/> when null.</param>
    /// <param name="options">Follow mode, dead letters, name; the defaults when null.</param>
    [RequiresUnreferencedCode("Reflection-based JSON metadata; use the JsonTypeInfo<T> overload when trimming.")]
    [RequiresDynamicCode("Reflection-based JSON metadata; use the JsonTypeInfo<T> overload for native AOT.")]
    public static FileSource<T> JsonLines<T>(string path, JsonSerializerOptions? json = null, FileSourceOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        json ??= JsonSerializerOptions.Web;
        json.MakeReadOnly(populateMissingResolver: true);
        return JsonLines(path, (JsonTypeInfo<T>)json.GetTypeInfo(typeof(T)), options);
    }
}
