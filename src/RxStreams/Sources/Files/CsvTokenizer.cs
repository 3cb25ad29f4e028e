using System;

namespace RxStreams.Ingestion;

/// <summary>
/// Splits one CSV record (RFC 4180) into fields in place: a field is a (start, length) pair into the line, or, when its
/// quotes were doubled, into a buffer holding its unescaped copy (start stored as its bitwise complement). A line
/// without quotes is split with vectorized searches for the delimiter only.
/// </summary>
internal sealed class CsvTokenizer(byte delimiter)
{
    private readonly CsvStringCache _strings = new();
    private int[] _fields = new int[32];
    private byte[] _unescaped = new byte[256];
    private int _fieldCount;
    private int _unescapedLength;

    public int FieldCount => _fieldCount;

    public RxStreams.CsvRow Row(ReadOnlySpan<byte> line) =>
        new(line, _unescaped.AsSpan(0, _unescapedLength), _fields.AsSpan(0, 2 * _fieldCount), _strings);

    /// <summary>Splits <paramref name="line"/>; a malformed one throws <see cref="MalformedLineException"/>.</summary>
    public void Split(ReadOnlySpan<byte> line)
    {
        _fieldCount = 0;
        _unescapedLength = 0;
        if (line.IndexOf((byte)'"') < 0)
        {
            SplitUnquoted(line);
            return;
        }

        var position = 0;
        while (true)
        {
            if (position < line.Length && line[position] == '"')
            {
                position = Quoted(line, position);
            }
            else
            {
                var rest = line[position..];
                var end = rest.IndexOf(delimiter);
                var field = end < 0 ? rest : rest[..end];
                var quote = field.IndexOf((byte)'"');
                if (quote >= 0)
                {
                    throw new MalformedLineException($"a quote inside unquoted field {_fieldCount} (at column {position + quote + 1})");
                }

                Add(position, field.Length);
                position += field.Length;
            }

            if (position == line.Length)
            {
                return;
            }

            // Quoted() and the unquoted branch stop at a delimiter or the end.
            position++;
            if (position == line.Length)
            {
                Add(position, 0);
                return;
            }
        }
    }

    private void SplitUnquoted(ReadOnlySpan<byte> line)
    {
        var position = 0;
        while (true)
        {
            var end = line[position..].IndexOf(delimiter);
            if (end < 0)
            {
                Add(position, line.Length - position);
                return;
            }

            Add(position, end);
            position += end + 1;
        }
    }

    private int Quoted(ReadOnlySpan<byte> line, int open)
    {
        var field = _fieldCount;
        var start = open + 1;
        var position = start;
        var escaped = false;
        int close;
        while (true)
        {
            var next = line[position..].IndexOf((byte)'"');
            if (next < 0)
            {
                throw new MalformedLineException($"unbalanced quote: field {field}, opened at column {open + 1}, is not closed");
            }

            position += next;
            if (position + 1 < line.Length && line[position + 1] == '"')
            {
                escaped = true;
                position += 2;
                continue;
            }

            close = position;
            break;
        }

        if (close + 1 < line.Length && line[close + 1] != delimiter)
        {
            throw new MalformedLineException($"text after the closing quote of field {field} (at column {close + 2})");
        }

        if (!escaped)
        {
            Add(start, close - start);
        }
        else
        {
            AddUnescaped(line[start..close]);
        }

        return close + 1;
    }

    private void AddUnescaped(ReadOnlySpan<byte> content)
    {
        if (_unescapedLength + content.Length > _unescaped.Length)
        {
            Array.Resize(ref _unescaped, Math.Max(_unescaped.Length * 2, _unescapedLength + content.Length));
        }

        var start = _unescapedLength;
        var target = _unescaped.AsSpan(start);
        var written = 0;
        for (var i = 0; i < content.Length; i++)
        {
            target[written++] = content[i];
            if (content[i] == '"')
            {
                i++; // the second quote of a doubled pair
            }
        }

        _unescapedLength += written;
        Add(~start, written);
    }

    private void Add(int start, int length)
    {
        if (2 * (_fieldCount + 1) > _fields.Length)
        {
            Array.Resize(ref _fields, _fields.Length * 2);
        }

        _fields[2 * _fieldCount] = start;
        _fields[(2 * _fieldCount) + 1] = length;
        _fieldCount++;
    }
}
