using System.Globalization;

namespace RxStreams;

/// <summary>A per-key result, as emitted by keyed aggregations.</summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The result type.</typeparam>
/// <param name="Key">The key.</param>
/// <param name="Value">The result for that key.</param>
public readonly record struct Keyed<TKey, TValue>(TKey Key, TValue Value)
{
    /// <summary>The compact form <c>key=value</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Key}={Value}");
}
