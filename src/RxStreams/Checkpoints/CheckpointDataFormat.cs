using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RxStreams.State;

namespace RxStreams.Checkpoints;

/// <summary>
/// The binary layout of a whole snapshot: header (magic <c>RXSD</c>, format version), checkpoint id, timestamp,
/// savepoint flag, key-group count, then per operator its uid, name, schema, and keyed and non-keyed state chunks,
/// each chunk length-prefixed. Counts and small integers are zig-zag varints.
/// </summary>
internal static class CheckpointDataFormat
{
    public const int Magic = 0x44535852; // "RXSD" little-endian

    /// <summary>Writes a chunk of state after the bytes in <paramref name="fields"/> (which it must write or flush first).</summary>
    public delegate void ChunkWriter(StateWriter fields, ReadOnlySpan<byte> chunk);

    /// <summary>Writes <paramref name="snapshot"/> into <paramref name="writer"/>; chunks of state go to <paramref name="chunks"/> when given, so they need not be copied into one buffer.</summary>
    public static void Write(StateWriter writer, CheckpointSnapshot snapshot, ChunkWriter? chunks = null)
    {
        FormatHeader.Write(writer, Magic);
        writer.WriteInt64(snapshot.CheckpointId);
        writer.WriteInt64(snapshot.Timestamp.UtcTicks);
        writer.WriteInt16((short)snapshot.Timestamp.TotalOffsetMinutes);
        writer.WriteBoolean(snapshot.IsSavepoint);
        writer.WriteVarInt64(snapshot.MaxParallelism);
        writer.WriteVarInt64(snapshot.Operators.Count);
        foreach (var op in snapshot.Operators.Values.OrderBy(o => o.Uid, StringComparer.Ordinal))
        {
            WriteOperator(writer, op, chunks);
        }
    }

    /// <summary>Reads a snapshot; its chunks are slices of <paramref name="data"/>, not copies.</summary>
    /// <exception cref="CheckpointStorageException">The bytes are not a complete, valid snapshot.</exception>
    public static CheckpointSnapshot Read(ReadOnlyMemory<byte> data, string source, long? expectedId)
    {
        var reader = new StateReader(data.Span);
        FormatHeader.Read(ref reader, Magic, "data", source, expectedId);
        try
        {
            var id = reader.ReadInt64();
            if (expectedId is { } expected && id != expected)
            {
                throw new CheckpointStorageException(
                    string.Create(CultureInfo.InvariantCulture, $"Checkpoint data '{source}' holds checkpoint {id}, not {expected}."), source, expected);
            }

            var utcTicks = reader.ReadInt64();
            var offset = TimeSpan.FromMinutes(reader.ReadInt16());
            var timestamp = new DateTimeOffset(utcTicks + offset.Ticks, offset);
            var isSavepoint = reader.ReadBoolean();
            var maxParallelism = ReadInt(ref reader);
            var operators = new OperatorSnapshot[reader.ReadLength(allowNull: false)];
            for (var i = 0; i < operators.Length; i++)
            {
                operators[i] = ReadOperator(ref reader, data);
            }

            if (!reader.IsAtEnd)
            {
                throw Corrupt(source, id, $"{reader.Remaining} unexpected bytes after the last operator");
            }

            return new CheckpointSnapshot(id, timestamp, operators, isSavepoint, maxParallelism);
        }
        catch (StateSerializationException e)
        {
            throw Corrupt(source, expectedId, e.Message, e);
        }
        catch (ArgumentException e)
        {
            throw Corrupt(source, expectedId, e.Message, e);
        }
    }

    private static void WriteOperator(StateWriter writer, OperatorSnapshot op, ChunkWriter? chunks)
    {
        writer.WriteString(op.Uid);
        writer.WriteString(op.OperatorName);
        writer.WriteVarInt64(op.Schema.Count);
        foreach (var entry in op.Schema.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            writer.WriteString(entry.Key);
            writer.WriteString(entry.Value);
        }

        writer.WriteVarInt64(op.KeyedState.Count);
        foreach (var group in op.KeyedState)
        {
            writer.WriteVarInt64(group.KeyGroup);
            WriteChunk(writer, group.Data.Span, chunks);
        }

        writer.WriteVarInt64(op.OperatorState.Count);
        foreach (var subtask in op.OperatorState)
        {
            writer.WriteVarInt64(subtask.Subtask);
            writer.WriteVarInt64(subtask.Parallelism);
            WriteChunk(writer, subtask.Data.Span, chunks);
        }
    }

    private static OperatorSnapshot ReadOperator(ref StateReader reader, ReadOnlyMemory<byte> data)
    {
        var uid = ReadText(ref reader);
        var name = ReadText(ref reader);
        var schema = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var n = reader.ReadLength(allowNull: false); n > 0; n--)
        {
            var offset = reader.Position;
            if (!schema.TryAdd(ReadText(ref reader), ReadText(ref reader)))
            {
                throw new StateSerializationException(string.Create(CultureInfo.InvariantCulture, $"corrupt state: repeated schema entry at offset {offset}."));
            }
        }

        var keyed = new KeyGroupState[reader.ReadLength(allowNull: false)];
        for (var i = 0; i < keyed.Length; i++)
        {
            var group = ReadInt(ref reader);
            keyed[i] = new KeyGroupState(group, ReadChunk(ref reader, data));
        }

        var subtasks = new SubtaskState[reader.ReadLength(allowNull: false)];
        for (var i = 0; i < subtasks.Length; i++)
        {
            var subtask = ReadInt(ref reader);
            var parallelism = ReadInt(ref reader);
            subtasks[i] = new SubtaskState(subtask, parallelism, ReadChunk(ref reader, data));
        }

        return new OperatorSnapshot(uid, name, keyed, subtasks, schema);
    }

    private static void WriteChunk(StateWriter writer, ReadOnlySpan<byte> chunk, ChunkWriter? chunks)
    {
        writer.WriteVarInt64(chunk.Length);
        if (chunks is null)
        {
            writer.WriteBytes(chunk);
        }
        else
        {
            chunks(writer, chunk);
        }
    }

    private static ReadOnlyMemory<byte> ReadChunk(ref StateReader reader, ReadOnlyMemory<byte> data)
    {
        var length = reader.ReadLength(allowNull: false);
        var start = reader.Position;
        reader.ReadBytes(length);
        return data.Slice(start, length);
    }

    private static int ReadInt(ref StateReader reader)
    {
        var offset = reader.Position;
        var value = reader.ReadVarInt64();
        return value is >= int.MinValue and <= int.MaxValue
            ? (int)value
            : throw new StateSerializationException(string.Create(CultureInfo.InvariantCulture, $"corrupt state: {value} at offset {offset} is out of range."));
    }

    private static string ReadText(ref StateReader reader) =>
        reader.ReadString() ?? throw new StateSerializationException($"corrupt state: null name before offset {reader.Position}.");

    private static CheckpointStorageException Corrupt(string source, long? id, string what, Exception? inner = null) =>
        new($"Checkpoint data '{source}' is corrupt: {what}", source, id, inner);
}
