using System;

namespace RxStreams.Ingestion;

/// <summary>
/// Parses the plain decimals that most data files hold (<c>-12.345</c>: a sign, at most 15 digits, a point) exactly and
/// several times faster than the general parser: the digits make an integer below 2^53 and the point a power of ten up
/// to 10^22, both exact doubles, so one IEEE division gives the correctly rounded result (Clinger's fast path), the
/// same double <c>double.Parse</c> gives. Anything else (exponents, more digits, <c>NaN</c>) is left to the general parser.
/// </summary>
internal static class Utf8Decimal
{
    private static readonly double[] PowersOf10 =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
        1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    public static bool TryParseSimple(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (text.Length > 0 && (text[0] == '-' || text[0] == '+'))
        {
            negative = text[0] == '-';
            i = 1;
        }

        long mantissa = 0;
        var digits = 0;
        var fraction = -1;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            var digit = (uint)(c - '0');
            if (digit <= 9)
            {
                if (++digits > 15)
                {
                    return false;
                }

                mantissa = (mantissa * 10) + digit;
                if (fraction >= 0)
                {
                    fraction++;
                }
            }
            else if (c == '.' && fraction < 0)
            {
                fraction = 0;
            }
            else
            {
                return false;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        var result = fraction > 0 ? mantissa / PowersOf10[fraction] : mantissa;
        value = negative ? -result : result;
        return true;
    }
}
