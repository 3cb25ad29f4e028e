using System;
using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace RxStreams;

/// <summary>
/// The fields of one CSV record, read in place from the file's buffer: the typed getters parse the field's UTF-8 bytes
/// (no string per field unless <see cref="GetString"/> asks for one). Valid only during the mapping call. A field that
/// does not parse, or an index past the last field, throws a <see cref="FormatException"/> that names the field; the
/// source reports it as a malformed line.
/// </summary>
public readonly ref struct CsvRow
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _line;
    private readonly ReadOnlySpan<byte> _unescaped;
    private readonly ReadOnlySpan<int> _fields;
    private readonly Ingestion.CsvStringCache? _strings;

    internal CsvRow(ReadOnlySpan<byte> line, ReadOnlySpan<byte> unescaped, ReadOnlySpan<int> fields, Ingestion.CsvStringCache? strings = null)
    {
        _line = line;
        _unescaped = unescaped;
        _fields = fields;
        _strings = strings;
    }

    /// <summary>The number of fields.</summary>
    public int FieldCount => _fields.Length / 2;

    /// <summary>The field's content as UTF-8 bytes, without its quotes and with doubled quotes made single.</summary>
    /// <param name="index">The field's index, from 0.</param>
    public ReadOnlySpan<byte> GetUtf8(int index)
    {
        if ((uint)index >= (uint)FieldCount)
        {
            throw new Ingestion.CsvFieldException($"field {index} was asked for, but the record has {FieldCount} field{(FieldCount == 1 ? string.Empty : "s")}");
        }

        var start = _fields[2 * index];
        var length = _fields[(2 * index) + 1];
        return start >= 0 ? _line.Slice(start, length) : _unescaped.Slice(~start, length);
    }

    /// <summary>True when the field is empty (<c>,,</c> or <c>,"",</c>).</summary>
    /// <param name="index">The field's index, from 0.</param>
    public bool IsEmpty(int index) => GetUtf8(index).IsEmpty;

    /// <summary>The field as a new string; a field that is not valid UTF-8 is a bad line, not a string with replacement characters.</summary>
    /// <param name="index">The field's index, from 0.</param>
    public string GetString(int index)
    {
        var field = GetUtf8(index);
        try
        {
            return StrictUtf8.GetString(field);
        }
        catch (DecoderFallbackException)
        {
            throw new Ingestion.CsvFieldException($"field {index} is not valid UTF-8");
        }
    }

    /// <summary>
    /// The field as a string shared with earlier records whose field had the same bytes, from a small cache of the
    /// source's (4,096 values; fields over 64 bytes are not cached): for columns with few distinct values (sensor ids,
    /// country codes) no string is decoded or allocated once a value was seen. Invalid UTF-8 is a bad line, as for
    /// <see cref="GetString"/>.
    /// </summary>
    /// <param name="index">The field's index, from 0.</param>
    public string GetCachedString(int index)
    {
        if (_strings is null)
        {
            return GetString(index);
        }

        var field = GetUtf8(index);
        try
        {
            return _strings.Get(field, StrictUtf8);
        }
        catch (DecoderFallbackException)
        {
            throw new Ingestion.CsvFieldException($"field {index} is not valid UTF-8");
        }
    }

    /// <summary>The field as a 64-bit integer (invariant culture, optional sign).</summary>
    /// <param name="index">The field's index, from 0.</param>
    public long GetInt64(int index)
    {
        var field = GetUtf8(index);
        return Utf8Parser.TryParse(field, out long value, out var consumed) && consumed == field.Length ? value : throw NotA(index, field, "Int64");
    }

    /// <summary>The field as a 32-bit integer (invariant culture, optional sign).</summary>
    /// <param name="index">The field's index, from 0.</param>
    public int GetInt32(int index)
    {
        var field = GetUtf8(index);
        return Utf8Parser.TryParse(field, out int value, out var consumed) && consumed == field.Length ? value : throw NotA(index, field, "Int32");
    }

    /// <summary>The field as a double (invariant culture: <c>12.5</c>, <c>-1e3</c>, <c>NaN</c>).</summary>
    /// <param name="index">The field's index, from 0.</param>
    public double GetDouble(int index)
    {
        var field = GetUtf8(index);
        return Ingestion.Utf8Decimal.TryParseSimple(field, out var value) || (Utf8Parser.TryParse(field, out value, out var consumed) && consumed == field.Length)
            ? value
            : double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value) ? value : throw NotA(index, field, "Double");
    }

    /// <summary>The field as a decimal (invariant culture).</summary>
    /// <param name="index">The field's index, from 0.</param>
    public decimal GetDecimal(int index)
    {
        var field = GetUtf8(index);
        return Utf8Parser.TryParse(field, out decimal value, out var consumed) && consumed == field.Length ? value : throw NotA(index, field, "Decimal");
    }

    /// <summary>The field as a boolean (<c>true</c> or <c>false</c>, any case).</summary>
    /// <param name="index">The field's index, from 0.</param>
    public bool GetBoolean(int index)
    {
        var field = GetUtf8(index);
        return Ascii.EqualsIgnoreCase(field, "true"u8) || (!Ascii.EqualsIgnoreCase(field, "false"u8) ? throw NotA(index, field, "Boolean") : false);
    }

    /// <summary>The field parsed by <typeparamref name="TValue"/>'s own UTF-8 parser with the invariant culture (<c>Guid</c>, <c>DateTime</c>, <c>Half</c>, <c>UInt64</c>, …).</summary>
    /// <typeparam name="TValue">The field's type.</typeparam>
    /// <param name="index">The field's index, from 0.</param>
    public TValue Get<TValue>(int index)
        where TValue : IUtf8SpanParsable<TValue>
    {
        var field = GetUtf8(index);
        return TValue.TryParse(field, CultureInfo.InvariantCulture, out var value) ? value : throw NotA(index, field, typeof(TValue).Name);
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var builder = new StringBuilder();
        for (var i = 0; i < FieldCount; i++)
        {
            builder.Append(i == 0 ? "[" : ", ").Append(GetString(i));
        }

        return builder.Append(']').ToString();
    }

    private static Ingestion.CsvFieldException NotA(int index, ReadOnlySpan<byte> field, string type) =>
        new($"field {index} (\"{Encoding.UTF8.GetString(field)}\") is not a valid {type}");
}
