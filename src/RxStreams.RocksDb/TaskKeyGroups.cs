using System.Linq;
using RxStreams.Checkpoints;

namespace RxStreams.RocksDb;

/// <summary>The contiguous range of key groups a task owns (the exchange assigns ranges).</summary>
internal static class TaskKeyGroups
{
    public static (int First, int Last) Range(TaskInfo task)
    {
        var groups = task.KeyGroups().ToArray();
        return groups.Length == 0 ? (1, 0) : (groups[0], groups[^1]);
    }
}
