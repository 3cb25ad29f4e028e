using System.Buffers;
using System;
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

/// <summary>Captures a state table at a barrier: a copy where values are never changed in place, else their bytes.</summary>
internal static class CapturedTables
{
    /// <summary>
    /// True when a copy of <typeparamref name="TValue"/> is a snapshot of it: records after the barrier replace such
    /// values (numbers, strings, structs without references) rather than change them in place (lists, maps).
    /// </summary>
    public static bool CopyIsSnapshot<TValue>() =>
        !System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<TValue>() || typeof(TValue) == typeof(string);

    /// <summary>Copies the entries into a pooled array, for values whose copy is a snapshot.</summary>
    public static ICapturedTable<TKey> Copy<TKey, TValue>(string section, IStateSerializer<TValue> serializer, Dictionary<TKey, TValue> entries)
        where TKey : notnull
    {
        var copied = ArrayPool<(TKey, TValue, long)>.Shared.Rent(entries.Count);
        var n = 0;
        foreach (var (key, value) in entries)
        {
            copied[n++] = (key, value, 0);
        }

        return new CopiedTable<TKey, TValue>(section, serializer, false, copied, n);
    }

    /// <summary>Serializes every value (and last access, with a time to live) now into one buffer, for values changed in place.</summary>
    public static ICapturedTable<TKey> Serialize<TKey, TEntry, TValue>(
        string section, IStateSerializer<TValue> serializer, bool ttl, IEnumerable<(TKey Key, TEntry Entry)> entries, int count, Func<TEntry, (TValue Value, long LastAccess)> read)
        where TKey : notnull
    {
        var values = new StateWriter();
        var keys = ArrayPool<(TKey, int)>.Shared.Rent(count);
        var n = 0;
        foreach (var (key, entry) in entries)
        {
            var (value, lastAccess) = read(entry);
            serializer.Write(values, value);
            if (ttl)
            {
                values.WriteVarInt64(lastAccess);
            }

            keys[n++] = (key, values.WrittenCount);
        }

        return new SerializedTable<TKey>(section, values, keys, n);
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
