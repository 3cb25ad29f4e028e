using System;

namespace RxStreams.Ingestion;

/// <summary>CSV records (RFC 4180) mapped to <typeparamref name="T"/> by the user's function over a <see cref="CsvRow"/>.</summary>
internal sealed class CsvFormat<T>(CsvRowMapper<T> map, CsvOptions options) : LineFormat<T>
{
    private readonly CsvTokenizer _tokenizer = new((byte)options.Delimiter);
    private int? _expectedFields = options.FieldCount;

    public override bool HasHeader => options.HasHeader;

    public override bool LineBreaksInQuotes => options.LineBreaksInQuotes;

    public override object? OnHeader(ReadOnlySpan<byte> line)
    {
        _tokenizer.Split(line);
        var fields = options.FieldCount ?? _tokenizer.FieldCount;
        UseHeader(fields);
        return fields;
    }

    public override void UseHeader(object? header) => _expectedFields = (int)header!;

    public override string UserCode => "the mapping function";

    public override T Decode(ReadOnlySpan<byte> line)
    {
        _tokenizer.Split(line);
        if (_expectedFields is { } expected && _tokenizer.FieldCount != expected)
        {
            throw new MalformedLineException(
                $"{_tokenizer.FieldCount} field{(_tokenizer.FieldCount == 1 ? string.Empty : "s")} where {(options.FieldCount is null ? "the header has" : "FieldCount is")} {expected}");
        }

        return map(_tokenizer.Row(line));
    }
}
