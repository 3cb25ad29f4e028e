using System;
using System.Collections.Generic;
using RxStreams.Checkpoints;
using RxStreams.Exchanges;

namespace RxStreams.State;

/// <summary>
/// Writes and reads one value per key by key group, for operators whose whole keyed state is one table (rolling
/// aggregates). Serializers are resolved when the job starts, so a type that cannot be checkpointed fails then.
/// </summary>
internal sealed class KeyedStateCheckpoint<TKey, TValue>
    where TKey : notnull
{
    private const string Section = "s:state";
    private readonly string _operatorName;
    private readonly IStateSerializer<TKey> _keys;
    private readonly IStateSerializer<TValue> _values;
    private readonly Func<TKey, int> _hash = StableHash.For<TKey>();
    // Bytes per key group of the last snapshot, so the next one allocates each group's buffer once.
    private readonly int[] _groupSizes = new int[TaskInfo.MaxParallelism];

    public KeyedStateCheckpoint(string operatorName)
    {
        _operatorName = operatorName;
        _keys = StateSerializers.Get<TKey>($"the key of operator '{operatorName}'");
        _values = StateSerializers.Get<TValue>($"the state of operator '{operatorName}'");
    }

    private string Schema => SerializerIds.Part(_values);

    public PendingSnapshot Snapshot(Dictionary<TKey, TValue> entries)
    {
        var part = new SnapshotPart();
        part.Schema["key"] = SerializerIds.Part(_keys);
        part.Schema[Section] = Schema;
        var captured = CapturedTables.CopyIsSnapshot<TValue>()
            ? CapturedTables.Copy(Section, _values, entries)
            : CapturedTables.Serialize(Section, _values, false, Pairs(entries), entries.Count, static v => (v, 0L));
        var writer = new KeyGroupWriter<TKey>(_hash, _keys, _groupSizes);
        return PendingSnapshot.Later(() =>
        {
            captured.Write(writer);
            part.KeyGroups.AddRange(writer.Finish());
            return part;
        });
    }

    public void Restore(OperatorSnapshot snapshot, TaskInfo task, Action<TKey, TValue> add)
    {
        KeyGroupReader.CheckSingleSection(snapshot, _operatorName, SerializerIds.Part(_keys), Section, Schema, "state");
        var entries = new Entries(_values, add);
        KeyGroupReader.ReadSingleSection(snapshot, task, _operatorName, Section, _keys, ref entries);
    }

    private static IEnumerable<(TKey, TValue)> Pairs(Dictionary<TKey, TValue> entries)
    {
        foreach (var (key, value) in entries)
        {
            yield return (key, value);
        }
    }

    private readonly struct Entries(IStateSerializer<TValue> values, Action<TKey, TValue> add) : KeyGroupReader.IEntryReader<TKey>
    {
        public void Read(TKey key, ref StateReader reader) => add(key, values.Read(ref reader));
    }
}
