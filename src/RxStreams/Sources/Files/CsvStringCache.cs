using System;
using System.IO.Hashing;
using System.Text;

namespace RxStreams.Ingestion;

/// <summary>
/// The strings of a source's recent field values, by their UTF-8 bytes: a fixed table of 4,096 slots (a value replaces
/// another that hashes to its slot), so a column with few distinct values (sensor ids, country codes) is decoded and
/// allocated once per value, and a column with many costs a hash and a compare more than a plain string, never memory.
/// </summary>
internal sealed class CsvStringCache
{
    private const int Slots = 4096;
    private const int MaxLength = 64;

    // Made at the first use, so a source whose mapping never asks for a cached string allocates nothing for it.
    private byte[]?[]? _keys;
    private string?[]? _values;

    public string Get(ReadOnlySpan<byte> utf8, UTF8Encoding encoding)
    {
        if (utf8.Length > MaxLength)
        {
            return encoding.GetString(utf8);
        }

        var keys = _keys ??= new byte[]?[Slots];
        var values = _values ??= new string?[Slots];
        var slot = (int)(XxHash3.HashToUInt64(utf8) & (Slots - 1));
        if (keys[slot] is { } key && utf8.SequenceEqual(key))
        {
            return values[slot]!;
        }

        var value = encoding.GetString(utf8);
        keys[slot] = utf8.ToArray();
        values[slot] = value;
        return value;
    }
}
