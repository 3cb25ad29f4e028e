using RxStreams.Checkpoints;

namespace RxStreams.State;

/// <summary>Reads what <see cref="KeyGroupWriter{TKey}"/> wrote for one key group.</summary>
internal static class KeyGroupReader
{
    /// <summary>The next section's name; null after the last.</summary>
    public static string? NextSection(ref StateReader reader) => reader.ReadString();

    /// <summary>Reads the next entry's key; false at the end of the section.</summary>
    public static bool NextEntry<TKey>(ref StateReader reader, IStateSerializer<TKey> keys, out TKey key)
    {
        if (reader.ReadByte() == 0)
        {
            key = default!;
            return false;
        }

        key = keys.Read(ref reader);
        return true;
    }

    /// <summary>
    /// Checks the schema of an operator whose keyed state is one section: the key's and the section's serializers must
    /// be the ones the checkpoint was written with.
    /// </summary>
    public static void CheckSingleSection(OperatorSnapshot snapshot, string operatorName, string keySchema, string section, string sectionSchema, string what)
    {
        foreach (var (name, expected) in new[] { ("key", keySchema), (section, sectionSchema) })
        {
            if (snapshot.Schema.TryGetValue(name, out var written) && written != expected)
            {
                throw new CheckpointRestoreException(
                    $"The {(name == "key" ? "key" : what)} of operator '{operatorName}' (uid '{snapshot.Uid}') was written as '{written}' and is now '{expected}': a changed type cannot be read back.");
            }
        }
    }

    /// <summary>
    /// Reads every entry of the one section <paramref name="section"/> of the key groups <paramref name="task"/> owns,
    /// handing each key and the rest of its entry to <paramref name="entries"/>.
    /// </summary>
    public static void ReadSingleSection<TKey, TEntries>(
        OperatorSnapshot snapshot, TaskInfo task, string operatorName, string section, IStateSerializer<TKey> keys, ref TEntries entries)
        where TEntries : struct, IEntryReader<TKey>
    {
        foreach (var group in snapshot.KeyedState)
        {
            if (!task.OwnsKeyGroup(group.KeyGroup))
            {
                continue;
            }

            var reader = new StateReader(group.Data.Span);
            while (NextSection(ref reader) is { } name)
            {
                if (name != section)
                {
                    throw new CheckpointRestoreException($"Operator '{operatorName}' (uid '{snapshot.Uid}') does not know the section '{name}' of key group {group.KeyGroup}.");
                }

                while (NextEntry(ref reader, keys, out var key))
                {
                    entries.Read(key, ref reader);
                }
            }
        }
    }

    /// <summary>Reads the rest of one entry after its key.</summary>
    public interface IEntryReader<TKey>
    {
        void Read(TKey key, ref StateReader reader);
    }
}
