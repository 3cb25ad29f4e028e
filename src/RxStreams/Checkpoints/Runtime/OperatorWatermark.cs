using System;
using RxStreams.State;

namespace RxStreams.Checkpoints;

/// <summary>An operator's watermark as its non-keyed state; on restore at another parallelism the lowest task's wins.</summary>
internal static class OperatorWatermark
{
    public static ReadOnlyMemory<byte> Write(long watermark)
    {
        using var writer = new StateWriter(16);
        writer.WriteInt64(watermark);
        return writer.ToArray();
    }

    public static long Read(OperatorSnapshot snapshot)
    {
        var watermark = long.MaxValue;
        foreach (var subtask in snapshot.OperatorState)
        {
            var reader = new StateReader(subtask.Data.Span);
            watermark = Math.Min(watermark, reader.ReadInt64());
        }

        return snapshot.OperatorState.Count == 0 ? long.MinValue : watermark;
    }
}
