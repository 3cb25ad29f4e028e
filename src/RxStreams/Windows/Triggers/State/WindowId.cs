using System.Collections.Generic;

namespace RxStreams.Windows.Triggers;

/// <summary>One key's window: the namespace of a partitioned trigger state (Flink keys trigger state by key and window).</summary>
internal readonly record struct WindowId<TKey>(TKey Key, TimeWindow Window)
{
    /// <summary>Compares ids with the stream's key comparer.</summary>
    public sealed class Comparer(IEqualityComparer<TKey> keys) : IEqualityComparer<WindowId<TKey>>
    {
        public bool Equals(WindowId<TKey> x, WindowId<TKey> y) => x.Window == y.Window && keys.Equals(x.Key, y.Key);

        public int GetHashCode(WindowId<TKey> id) => System.HashCode.Combine(keys.GetHashCode(id.Key!), id.Window);
    }
}
