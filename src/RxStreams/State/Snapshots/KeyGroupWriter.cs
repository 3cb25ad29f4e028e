using System;
using System.Collections.Generic;
using RxStreams.Checkpoints;
using RxStreams.Exchanges;

namespace RxStreams.State;

/// <summary>
/// Writes a keyed operator's state split by key group, so a restore at another parallelism reads only the groups its
/// task owns. Each group's bytes are a run of named sections; a section is its name, then entries each led by a 1 byte
/// and starting with the key, then a 0 byte; a null name ends the group.
/// </summary>
internal sealed class KeyGroupWriter<TKey>
    where TKey : notnull
{
    private readonly Func<TKey, int> _hash;
    private readonly IStateSerializer<TKey> _keys;
    private readonly StateWriter?[] _groups = new StateWriter?[TaskInfo.MaxParallelism];
    private readonly int[] _sectionOfGroup = new int[TaskInfo.MaxParallelism];
    private string _section = string.Empty;
    private int _sectionIndex = -1;

    public KeyGroupWriter(Func<TKey, int> hash, IStateSerializer<TKey> keys)
    {
        _hash = hash;
        _keys = keys;
        Array.Fill(_sectionOfGroup, -1);
    }

    /// <summary>Starts a section; entries written next belong to it.</summary>
    public void BeginSection(string name)
    {
        _section = name;
        _sectionIndex++;
    }

    /// <summary>Starts an entry of <paramref name="key"/> in its group and returns the writer for the rest of it.</summary>
    public StateWriter Entry(TKey key)
    {
        var writer = Begin(HashRouter<object, object>.KeyGroupOf(_hash(key)));
        _keys.Write(writer, key);
        return writer;
    }

    /// <summary>
    /// Starts an entry whose key is already serialized (a backend that stores bytes) in key group
    /// <paramref name="group"/>, and returns the writer for the rest of it.
    /// </summary>
    public StateWriter Entry(int group, ReadOnlySpan<byte> serializedKey)
    {
        var writer = Begin(group);
        writer.WriteBytes(serializedKey);
        return writer;
    }

    private StateWriter Begin(int group)
    {
        var writer = _groups[group] ??= new StateWriter();
        if (_sectionOfGroup[group] != _sectionIndex)
        {
            if (_sectionOfGroup[group] >= 0)
            {
                writer.WriteByte(0);
            }

            writer.WriteString(_section);
            _sectionOfGroup[group] = _sectionIndex;
        }

        writer.WriteByte(1);
        return writer;
    }

    /// <summary>Closes every group and returns the non-empty ones in group order.</summary>
    public List<KeyGroupState> Finish()
    {
        var result = new List<KeyGroupState>();
        for (var group = 0; group < _groups.Length; group++)
        {
            if (_groups[group] is not { } writer)
            {
                continue;
            }

            writer.WriteByte(0);
            writer.WriteString(null);
            result.Add(new KeyGroupState(group, writer.ToArray()));
            writer.Dispose();
            _groups[group] = null;
        }

        return result;
    }
}
