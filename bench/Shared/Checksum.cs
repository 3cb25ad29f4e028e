using System;
using System.Globalization;

/// <summary>
/// An order-independent checksum of a result stream: the number of results and the sum of a mix of each. Every
/// implementation of a benchmark case must produce the same one, so a benchmark cannot measure broken code.
/// </summary>
internal struct Checksum : IEquatable<Checksum>
{
    public long Count;
    public long Sum;

    public void Add(long a, long b = 0, long c = 0)
    {
        unchecked
        {
            var h = (ulong)a * 0x9E3779B97F4A7C15UL;
            h = (h ^ (ulong)b) * 0xBF58476D1CE4E5B9UL;
            h = (h ^ (ulong)c) * 0x94D049BB133111EBUL;
            Sum += (long)(h ^ (h >> 31));
            Count++;
        }
    }

    /// <summary>The cheap form for the stateless case, so that the checksum does not dominate the loop: a plain sum.</summary>
    public void AddPlain(long value)
    {
        unchecked
        {
            Sum += value;
            Count++;
        }
    }

    public readonly bool Equals(Checksum other) => Count == other.Count && Sum == other.Sum;

    public override readonly bool Equals(object? obj) => obj is Checksum other && Equals(other);

    public override readonly int GetHashCode() => HashCode.Combine(Count, Sum);

    public override readonly string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Count:N0} results / {Sum & 0xFFFFFFFFFFFF:x12}");
}
