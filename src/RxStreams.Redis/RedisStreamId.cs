using System;
using System.Globalization;

namespace RxStreams.Redis;

/// <summary>A stream entry id, <c>milliseconds-sequence</c>, compared as the two numbers Redis orders entries by.</summary>
internal readonly record struct RedisStreamId(ulong Milliseconds, ulong Sequence) : IComparable<RedisStreamId>
{
    public static readonly RedisStreamId Zero = new(0, 0);

    public static bool TryParse(string? text, out RedisStreamId id)
    {
        id = Zero;
        if (text is null)
        {
            return false;
        }

        var dash = text.IndexOf('-', StringComparison.Ordinal);
        var span = text.AsSpan();
        if (dash < 0)
        {
            // Redis accepts a bare millisecond value as <ms>-0.
            if (!ulong.TryParse(span, NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
            {
                return false;
            }

            id = new RedisStreamId(ms, 0);
            return true;
        }

        if (ulong.TryParse(span[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            && ulong.TryParse(span[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            id = new RedisStreamId(milliseconds, sequence);
            return true;
        }

        return false;
    }

    public static RedisStreamId Parse(string text, string stream) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' in stream '{stream}' is not a stream entry id.");

    public int CompareTo(RedisStreamId other)
    {
        var byMilliseconds = Milliseconds.CompareTo(other.Milliseconds);
        return byMilliseconds != 0 ? byMilliseconds : Sequence.CompareTo(other.Sequence);
    }

    public override string ToString() =>
        Milliseconds.ToString(CultureInfo.InvariantCulture) + "-" + Sequence.ToString(CultureInfo.InvariantCulture);
}
