using System;
using RxStreams.State;

namespace RxStreams.Checkpoints;

/// <summary>
/// An operator's watermark as its non-keyed state. A task restored at the parallelism it was written at takes its own
/// (in an unaligned checkpoint each task took its snapshot at its own point, so their watermarks differ); at another
/// parallelism the lowest task's wins, so no record is taken for late that was not.
/// </summary>
internal static class OperatorWatermark
{
    public static ReadOnlyMemory<byte> Write(long watermark)
    {
        using var writer = new StateWriter(16);
        writer.WriteInt64(watermark);
        return writer.ToArray();
    }

    public static long Read(OperatorSnapshot snapshot, TaskInfo task)
    {
        foreach (var subtask in snapshot.OperatorState)
        {
            if (subtask.Subtask == task.Subtask && subtask.Parallelism == task.Parallelism)
            {
                return new StateReader(subtask.Data.Span).ReadInt64();
            }
        }

        var watermark = long.MaxValue;
        foreach (var subtask in snapshot.OperatorState)
        {
            var reader = new StateReader(subtask.Data.Span);
            watermark = Math.Min(watermark, reader.ReadInt64());
        }

        return snapshot.OperatorState.Count == 0 ? long.MinValue : watermark;
    }
}
