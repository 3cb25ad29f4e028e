using System.Collections.Generic;
using RxStreams.Exchanges;

namespace RxStreams.Checkpoints;

/// <summary>
/// Which of an operator's parallel tasks this is, and so which key groups it owns (Flink's key-group ranges).
/// <paramref name="KeyPartitioned"/> is false for tasks whose input is not routed by key (parallel sources, a
/// rebalance): keyed state there could not be split by key group.
/// </summary>
internal readonly record struct TaskInfo(int Subtask, int Parallelism, bool KeyPartitioned = true)
{
    /// <summary>The one task of a pipeline that is not parallel.</summary>
    public static TaskInfo Single => new(0, 1);

    /// <summary>How many key groups keyed state is split into; the exchange routes by the same groups.</summary>
    public static int MaxParallelism => HashRouter<object, object>.KeyGroups;

    /// <summary>True when this task owns <paramref name="keyGroup"/>, with the exchange's range assignment.</summary>
    public bool OwnsKeyGroup(int keyGroup) => keyGroup * Parallelism / MaxParallelism == Subtask;

    /// <summary>The key groups this task owns, in order.</summary>
    public IEnumerable<int> KeyGroups()
    {
        for (var group = 0; group < MaxParallelism; group++)
        {
            if (OwnsKeyGroup(group))
            {
                yield return group;
            }
        }
    }
}
