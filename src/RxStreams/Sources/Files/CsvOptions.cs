namespace RxStreams;

/// <summary>How <see cref="FileSource.Csv{T}"/> reads CSV (RFC 4180): fields, quotes, a header row.</summary>
public sealed record CsvOptions : FileSourceOptions
{
    /// <summary>The first line of every file is a header: it is not a record, and its number of fields is the number every record must have (unless <see cref="FieldCount"/> says otherwise). Default false.</summary>
    public bool HasHeader { get; init; }

    /// <summary>The field separator, an ASCII character other than a quote, CR or LF. Default <c>,</c>.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>The number of fields every record must have; null takes the header's, or checks nothing without a header. A record with another number is malformed.</summary>
    public int? FieldCount { get; init; }

    /// <summary>
    /// Quoted fields may hold line breaks (RFC 4180): a record then ends at the first line break outside quotes. Default
    /// false: a record is one line, and a quote still open at the end of a line is malformed (an unbalanced quote
    /// costs one line, not the rest of the file).
    /// </summary>
    public bool LineBreaksInQuotes { get; init; }

    internal new void Validate()
    {
        base.Validate();
        if (Delimiter is '"' or '\r' or '\n' || Delimiter > 127)
        {
            throw new System.ArgumentOutOfRangeException(nameof(Delimiter), Delimiter, "The delimiter must be an ASCII character other than a quote, CR or LF.");
        }

        if (FieldCount is < 1)
        {
            throw new System.ArgumentOutOfRangeException(nameof(FieldCount), FieldCount, "A record has at least one field.");
        }
    }
}
