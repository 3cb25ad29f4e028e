using System.Globalization;

namespace RxStreams;

/// <summary>What a window emits when it fires.</summary>
/// <typeparam name="TKey">The key type (<see cref="System.Reactive.Unit"/> for non-keyed windows).</typeparam>
/// <typeparam name="TValue">The window function's result.</typeparam>
/// <param name="Key">The key.</param>
/// <param name="Window">The window's bounds.</param>
/// <param name="Value">The result of the window function.</param>
/// <param name="Firing">Early, on time, or a late update.</param>
/// <param name="FiringIndex">0 for the window's first firing, then 1, 2, …</param>
/// <param name="ReplacesPrevious">
/// True when this result covers the records of an earlier result for the same window (accumulating triggers), so it
/// replaces that result; false when the window was purged since, so it adds to it.
/// </param>
public readonly record struct WindowResult<TKey, TValue>(
    TKey Key, TimeWindow Window, TValue Value, WindowFiring Firing, int FiringIndex, bool ReplacesPrevious)
{
    /// <summary>
    /// The compact form <c>key[start,end)=value</c>, followed by <c>~early</c> or <c>~late</c> for those firings and
    /// <c>#n</c> for a firing index above zero.
    /// </summary>
    public override string ToString()
    {
        var firing = Firing switch
        {
            WindowFiring.Early => "~early",
            WindowFiring.Late => "~late",
            _ => string.Empty,
        };
        var index = FiringIndex > 0 ? "#" + FiringIndex.ToString(CultureInfo.InvariantCulture) : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{Key}{Window}={Value}{firing}{index}");
    }
}
