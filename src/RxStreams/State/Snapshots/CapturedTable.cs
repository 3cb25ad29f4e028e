using System.Buffers;
using System.Collections.Generic;

namespace RxStreams.State;

/// <summary>
/// One state of a keyed operator as it was at a barrier, captured on the operator's thread and written into key
/// groups later, off it (the asynchronous part of a snapshot).
/// </summary>
internal interface ICapturedTable<TKey>
    where TKey : notnull
{
    /// <summary>Writes the captured entries as one section; call once.</summary>
    void Write(KeyGroupWriter<TKey> writer);
}

/// <summary>Reads a state table's entry: its value and last access.</summary>
internal interface IEntryReader<TEntry, TValue>
{
    static abstract TValue Value(in TEntry entry);

    static abstract long LastAccess(in TEntry entry);
}

/// <summary>Captures a state table at a barrier: a copy where values are never changed in place, else their bytes.</summary>
internal static class CapturedTables
{
    public static ICapturedTable<TKey> Capture<TKey, TEntry, TValue, TReader>(
        Dictionary<TKey, TEntry> entries, string section, IStateSerializer<TValue> serializer, bool ttl)
        where TKey : notnull
        where TReader : IEntryReader<TEntry, TValue>
    {
        if (!System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<TValue>() || typeof(TValue) == typeof(string))
        {
            var copied = ArrayPool<(TKey, TValue, long)>.Shared.Rent(entries.Count);
            var n = 0;
            foreach (var (key, entry) in entries)
            {
                copied[n++] = (key, TReader.Value(entry), TReader.LastAccess(entry));
            }

            return new CopiedTable<TKey, TValue>(section, serializer, ttl, copied, n);
        }

        var values = new StateWriter();
        var keys = ArrayPool<(TKey, int)>.Shared.Rent(entries.Count);
        var count = 0;
        foreach (var (key, entry) in entries)
        {
            serializer.Write(values, TReader.Value(entry));
            if (ttl)
            {
                values.WriteVarInt64(TReader.LastAccess(entry));
            }

            keys[count++] = (key, values.WrittenCount);
        }

        return new SerializedTable<TKey>(section, values, keys, count);
    }
}

/// <summary>
/// Entries copied as they are: right for values that nothing changes in place (numbers, strings, structs without
/// references), since records after the barrier replace them rather than change them. The array is pooled.
/// </summary>
internal sealed class CopiedTable<TKey, TValue>(
    string section, IStateSerializer<TValue> values, bool ttl, (TKey Key, TValue Value, long LastAccess)[] entries, int count) : ICapturedTable<TKey>
    where TKey : notnull
{
    public void Write(KeyGroupWriter<TKey> writer)
    {
        writer.BeginSection(section);
        for (var i = 0; i < count; i++)
        {
            ref var entry = ref entries[i];
            var output = writer.Entry(entry.Key);
            values.Write(output, entry.Value);
            if (ttl)
            {
                output.WriteVarInt64(entry.LastAccess);
            }
        }

        ArrayPool<(TKey, TValue, long)>.Shared.Return(entries, clearArray: true);
    }
}

/// <summary>
/// Entries whose values later records change in place (lists, maps): each value (and last access) was serialized at
/// the barrier into one buffer, which is the copy; the keys are split into key groups later. The arrays are pooled.
/// </summary>
internal sealed class SerializedTable<TKey>(string section, StateWriter values, (TKey Key, int End)[] entries, int count) : ICapturedTable<TKey>
    where TKey : notnull
{
    public void Write(KeyGroupWriter<TKey> writer)
    {
        writer.BeginSection(section);
        var bytes = values.WrittenSpan;
        var start = 0;
        for (var i = 0; i < count; i++)
        {
            writer.Entry(entries[i].Key).WriteBytes(bytes[start..entries[i].End]);
            start = entries[i].End;
        }

        ArrayPool<(TKey, int)>.Shared.Return(entries, clearArray: true);
        values.Dispose();
    }
}
