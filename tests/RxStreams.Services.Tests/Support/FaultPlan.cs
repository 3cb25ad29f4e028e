using System.Threading;

namespace RxStreams.Services.Tests.Support;

/// <summary>
/// Crashes at named points of a sink (<c>prepared</c>, <c>commit</c>, <c>committed</c>, <c>recover</c>) on chosen
/// occurrences, counted over all attempts of a job: the n-th time the point is reached, it throws.
/// </summary>
internal sealed class FaultPlan
{
    private readonly Dictionary<string, HashSet<int>> _at = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);
    private int _injected;

    public int Injected => Volatile.Read(ref _injected);

    public List<string> Log { get; } = [];

    /// <summary>Runs when a fault is injected, before it throws (to change the world the crash leaves behind).</summary>
    public Action<string>? OnHit { get; init; }

    public FaultPlan At(string point, int occurrence)
    {
        if (!_at.TryGetValue(point, out var set))
        {
            _at[point] = set = [];
        }

        set.Add(occurrence);
        return this;
    }

    public void Reached(string point)
    {
        lock (_seen)
        {
            var seen = _seen[point] = _seen.GetValueOrDefault(point) + 1;
            if (_at.TryGetValue(point, out var set) && set.Contains(seen))
            {
                Interlocked.Increment(ref _injected);
                Log.Add($"{point}#{seen}");
                OnHit?.Invoke(point);
                throw new InvalidOperationException($"injected crash at {point} #{seen}");
            }
        }
    }

    public override string ToString() =>
        string.Join(", ", _at.SelectMany(p => p.Value.Select(o => $"{p.Key}#{o}"))) + $" (hit: {string.Join(", ", Log)})";
}
