using System.Collections.Generic;
using System.Linq;

namespace RxStreams.Checkpoints;

/// <summary>Which checkpoints retention deletes: all but the newest <c>retained</c>; savepoints are never passed in.</summary>
internal static class CheckpointRetention
{
    public static IEnumerable<long> Expired(IEnumerable<long> checkpointIds, int retained) =>
        checkpointIds.OrderByDescending(id => id).Skip(retained).ToArray();
}
