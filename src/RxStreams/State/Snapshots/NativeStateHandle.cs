using System;
using RxStreams.Checkpoints;

namespace RxStreams.State;

/// <summary>
/// A keyed operator's non-keyed state when its backend wrote its own files (an incremental RocksDB checkpoint): the
/// watermark (8 bytes, as <see cref="OperatorWatermark"/> reads it), then the backend's name and its handle to the
/// files. Without a handle the state is the watermark alone.
/// </summary>
internal static class NativeStateHandle
{
    public static ReadOnlyMemory<byte> Write(long watermark, string backend, ReadOnlySpan<byte> handle)
    {
        using var writer = new StateWriter(16 + handle.Length);
        writer.WriteInt64(watermark);
        writer.WriteString(backend);
        writer.WriteVarInt64(handle.Length);
        writer.WriteBytes(handle);
        return writer.ToArray();
    }

    /// <summary>The backend and handle in a subtask's state; false when the subtask's keyed state is in key groups.</summary>
    public static bool TryRead(SubtaskState subtask, out string backend, out ReadOnlyMemory<byte> handle)
    {
        var reader = new StateReader(subtask.Data.Span);
        reader.ReadInt64();
        if (reader.IsAtEnd)
        {
            backend = string.Empty;
            handle = default;
            return false;
        }

        backend = reader.ReadString() ?? throw new StateSerializationException($"corrupt state: the backend handle of subtask {subtask.Subtask} has no backend name.");
        var length = reader.ReadLength(allowNull: false);
        handle = subtask.Data.Slice(reader.Position, length);
        return true;
    }

    /// <summary>True when any subtask of <paramref name="snapshot"/> holds a backend's handle.</summary>
    public static bool Any(OperatorSnapshot snapshot)
    {
        foreach (var subtask in snapshot.OperatorState)
        {
            if (TryRead(subtask, out _, out _))
            {
                return true;
            }
        }

        return false;
    }
}
