using System;
using System.Collections.Generic;

namespace RxStreams.Windows;

/// <summary>A timer of one key's window.</summary>
internal readonly record struct TimerKey<TKey>(TKey Key, TimeWindow Window, long Time);

/// <summary>Compares timer keys with the stream's key comparer.</summary>
internal sealed class TimerKeyComparer<TKey>(IEqualityComparer<TKey> keys) : IEqualityComparer<TimerKey<TKey>>
{
    public bool Equals(TimerKey<TKey> x, TimerKey<TKey> y) => x.Time == y.Time && x.Window == y.Window && keys.Equals(x.Key, y.Key);

    public int GetHashCode(TimerKey<TKey> obj) => HashCode.Combine(keys.GetHashCode(obj.Key!), obj.Window.Start, obj.Window.End, obj.Time);
}
