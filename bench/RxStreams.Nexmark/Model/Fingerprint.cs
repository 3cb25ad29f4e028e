namespace RxStreams.Nexmark;

/// <summary>
/// A result that can be summarized in a 64-bit fingerprint, so that the bench can compare the outputs of the
/// RxStreams, plain Rx.NET and loop versions of a query without keeping them.
/// </summary>
public interface IFingerprint
{
    /// <summary>A well-mixed hash of the result's fields (not of padding strings).</summary>
    long Fingerprint();
}

/// <summary>Mixing of fields into a fingerprint.</summary>
public static class Mix
{
    /// <summary>A well-mixed combination of up to four numbers (a SplitMix64-style finalizer over a multiply-xor chain).</summary>
    /// <param name="a">The first number.</param>
    /// <param name="b">The second number.</param>
    /// <param name="c">The third number.</param>
    /// <param name="d">The fourth number.</param>
    public static long Of(long a, long b = 0, long c = 0, long d = 0)
    {
        unchecked
        {
            var h = (ulong)a * 0x9E3779B97F4A7C15UL;
            h = (h ^ (ulong)b) * 0xBF58476D1CE4E5B9UL;
            h = (h ^ (ulong)c) * 0x94D049BB133111EBUL;
            h = (h ^ (ulong)d) * 0x9E3779B97F4A7C15UL;
            return (long)(h ^ (h >> 31));
        }
    }

    /// <summary>A stable (not randomized per process) hash of a string.</summary>
    /// <param name="text">The string.</param>
    public static long Of(string text)
    {
        unchecked
        {
            var h = 0xCBF29CE484222325UL;
            foreach (var c in text ?? string.Empty)
            {
                h = (h ^ c) * 0x100000001B3UL;
            }

            return (long)h;
        }
    }
}
