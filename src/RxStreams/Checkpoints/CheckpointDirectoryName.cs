using System;
using System.Globalization;

namespace RxStreams.Checkpoints;

/// <summary>The names of checkpoint directories: <c>chk-&lt;id&gt;</c> and <c>savepoint-&lt;id&gt;</c>.</summary>
internal static class CheckpointDirectoryName
{
    private const string CheckpointPrefix = "chk-";
    private const string SavepointPrefix = "savepoint-";

    public static string Format(long checkpointId, bool isSavepoint) =>
        (isSavepoint ? SavepointPrefix : CheckpointPrefix) + checkpointId.ToString(CultureInfo.InvariantCulture);

    public static bool TryParse(string name, out long checkpointId, out bool isSavepoint)
    {
        isSavepoint = name.StartsWith(SavepointPrefix, StringComparison.Ordinal);
        var prefix = isSavepoint ? SavepointPrefix : CheckpointPrefix;
        checkpointId = 0;
        return name.StartsWith(prefix, StringComparison.Ordinal)
            && long.TryParse(name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out checkpointId);
    }
}
