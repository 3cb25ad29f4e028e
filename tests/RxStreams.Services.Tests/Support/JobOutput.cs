using System.Threading;

namespace RxStreams.Services.Tests.Support;

/// <summary>Collects a job's records (as text) from any thread, and its end.</summary>
internal sealed class JobOutput<T> : IObserver<StreamElement<T>>
{
    private readonly List<string> _records = [];
    private readonly ManualResetEventSlim _ended = new();

    public List<string> Records
    {
        get
        {
            lock (_records)
            {
                return [.. _records];
            }
        }
    }

    public Exception? Error { get; private set; }

    public bool Completed { get; private set; }

    public bool Ended => _ended.IsSet;

    public void OnNext(StreamElement<T> value)
    {
        if (value.IsRecord)
        {
            lock (_records)
            {
                _records.Add(value.ToString());
            }
        }
    }

    public void OnError(Exception error)
    {
        Error = error;
        _ended.Set();
    }

    public void OnCompleted()
    {
        Completed = true;
        _ended.Set();
    }

    /// <summary>Throws with the job's error when it failed.</summary>
    public void AssertCompleted()
    {
        Assert.True(Ended, "the job did not end");
        Assert.True(Error is null, $"the job failed: {Error}");
        Assert.True(Completed);
    }
}

/// <summary>
/// Throws at chosen record numbers, counted over all attempts of a job and all its tasks (atomic): an in-process crash
/// that the job's restart strategy mends. <see cref="Random"/> draws the crash points from a seed, so a failing run can
/// be replayed.
/// </summary>
internal sealed class Crashes(IEnumerable<int> atRecords)
{
    private readonly HashSet<int> _at = [.. atRecords];
    private int _seen;
    private int _crashed;

    public int Crashed => Volatile.Read(ref _crashed);

    public Action? OnFirstCrash { get; init; }

    public static Crashes Random(int seed, int count, int from, int to)
    {
        var random = new Random(seed);
        var points = new SortedSet<int>();
        while (points.Count < count)
        {
            points.Add(random.Next(from, to));
        }

        return new Crashes(points);
    }

    public IReadOnlyCollection<int> Points => _at;

    public bool Record()
    {
        var seen = Interlocked.Increment(ref _seen);
        if (_at.Contains(seen))
        {
            if (Interlocked.Increment(ref _crashed) == 1)
            {
                OnFirstCrash?.Invoke();
            }

            throw new InvalidOperationException($"injected crash at record {seen}");
        }

        return true;
    }
}
