using System;
using System.Collections.Generic;
using RxStreams.Checkpoints;
using RxStreams.Exchanges;
using RxStreams.State;

namespace RxStreams.Joins;

/// <summary>
/// Writes an interval join's buffers into a checkpoint and reads them back: per key, in the section <c>j:buffers</c>
/// of its key group, the left and the right records with their timestamps in arrival order (the order of results)
/// and the cleanup time queued for each side. The watermark is the operator's non-keyed state. Serializers are
/// resolved when the job starts, so a join whose key or records cannot be checkpointed fails then.
/// </summary>
internal sealed class IntervalJoinCheckpoint<TKey, TLeft, TRight>
    where TKey : notnull
{
    private const string Section = "j:buffers";

    private readonly string _operatorName;
    private readonly IStateSerializer<TKey> _keys;
    private readonly IStateSerializer<TLeft> _left;
    private readonly IStateSerializer<TRight> _right;
    private readonly Func<TKey, int> _hash = StableHash.For<TKey>();
    // Bytes per key group of the last snapshot, so the next one allocates each group's buffer once.
    private readonly int[] _groupSizes = new int[TaskInfo.MaxParallelism];

    public IntervalJoinCheckpoint(string operatorName)
    {
        _operatorName = operatorName;
        _keys = StateSerializers.Get<TKey>($"the key of operator '{operatorName}'");
        _left = StateSerializers.Get<TLeft>($"the left records buffered by operator '{operatorName}'");
        _right = StateSerializers.Get<TRight>($"the right records buffered by operator '{operatorName}'");
    }

    private string Schema => SerializerIds.Compose("join", SerializerIds.Part(_left), SerializerIds.Part(_right));

    /// <summary>Captures every key's buffers and the watermark.</summary>
    public SnapshotPart Snapshot(Dictionary<TKey, JoinBuffers<TLeft, TRight>> buffers, long watermark)
    {
        var part = new SnapshotPart();
        var writer = new KeyGroupWriter<TKey>(_hash, _keys, _groupSizes);
        writer.BeginSection(Section);
        foreach (var (key, buffer) in buffers)
        {
            var output = writer.Entry(key);
            WriteSide(output, buffer.Left, buffer.LeftExpiry, _left);
            WriteSide(output, buffer.Right, buffer.RightExpiry, _right);
        }

        part.KeyGroups.AddRange(writer.Finish());
        part.Schema["key"] = SerializerIds.Part(_keys);
        part.Schema[Section] = Schema;
        part.OperatorState = OperatorWatermark.Write(watermark);
        return part;
    }

    /// <summary>Hands each key of the groups <paramref name="task"/> owns, with its restored buffers, to <paramref name="add"/>; returns the watermark.</summary>
    /// <exception cref="CheckpointRestoreException">The checkpoint was written with other key or record types, or is not an interval join's.</exception>
    public long Restore(OperatorSnapshot snapshot, TaskInfo task, Action<TKey, JoinBuffers<TLeft, TRight>> add)
    {
        KeyGroupReader.CheckSingleSection(snapshot, _operatorName, SerializerIds.Part(_keys), Section, Schema, "buffered records");
        var entries = new Entries(this, add);
        KeyGroupReader.ReadSingleSection(snapshot, task, _operatorName, Section, _keys, ref entries);
        return OperatorWatermark.Read(snapshot, task);
    }

    private static void WriteSide<T>(StateWriter writer, List<Record<T>> records, long expiry, IStateSerializer<T> values)
    {
        writer.WriteVarInt64(expiry);
        writer.WriteVarInt64(records.Count);
        foreach (var record in records)
        {
            writer.WriteVarInt64(record.Timestamp);
            values.Write(writer, record.Value);
        }
    }

    private static long ReadSide<T>(ref StateReader reader, List<Record<T>> records, IStateSerializer<T> values)
    {
        var expiry = reader.ReadVarInt64();
        var count = checked((int)reader.ReadVarInt64());
        for (var i = 0; i < count; i++)
        {
            var timestamp = reader.ReadVarInt64();
            records.Add(new Record<T>(values.Read(ref reader), timestamp));
        }

        return expiry;
    }

    private readonly struct Entries(IntervalJoinCheckpoint<TKey, TLeft, TRight> checkpoint, Action<TKey, JoinBuffers<TLeft, TRight>> add)
        : KeyGroupReader.IEntryReader<TKey>
    {
        public void Read(TKey key, ref StateReader reader)
        {
            var buffer = new JoinBuffers<TLeft, TRight>();
            buffer.LeftExpiry = ReadSide(ref reader, buffer.Left, checkpoint._left);
            buffer.RightExpiry = ReadSide(ref reader, buffer.Right, checkpoint._right);
            add(key, buffer);
        }
    }
}
