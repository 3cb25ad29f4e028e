using System;
using System.Collections.Generic;
using System.IO;
using RxStreams.Checkpoints;
using RxStreams.State;

namespace RxStreams.RocksDb;

/// <summary>
/// Reads the RocksDB files of an incremental checkpoint back as canonical key groups, for a restore into the heap
/// backend; the core finds it by name, so it needs a public parameterless constructor.
/// </summary>
internal sealed class RocksDbNativeStateReader : INativeStateReader
{
    public List<KeyGroupState> ReadKeyGroups<TKey>(OperatorSnapshot snapshot, TaskInfo task, IStateSerializer<TKey> keys)
        where TKey : notnull
    {
        var (first, last) = TaskKeyGroups.Range(task);
        var writer = new KeyGroupWriter<TKey>(_ => throw new InvalidOperationException("Rows carry their key group."), keys);
        var temporary = Path.Combine(Path.GetTempPath(), "rxstreams-rocksdb-read-" + Guid.NewGuid().ToString("N"));
        foreach (var subtask in snapshot.OperatorState)
        {
            if (!NativeStateHandle.TryRead(subtask, out _, out var bytes))
            {
                continue;
            }

            using var files = new CheckpointFilesDb(IncrementalHandle.Decode(bytes.Span, snapshot), snapshot, temporary);
            foreach (var family in files.Families)
            {
                if (!family.StartsWith(KeyedStateBackend<TKey>.StateSection, StringComparison.Ordinal) || !snapshot.Schema.TryGetValue(family, out var schema))
                {
                    continue;
                }

                writer.BeginSection(family);
                using var iterator = files.Seek(family, first);
                CanonicalRows.Write(schema, iterator, writer, schema.EndsWith(" ttl", StringComparison.Ordinal), last, keys);
            }
        }

        return writer.Finish().FindAll(g => task.OwnsKeyGroup(g.KeyGroup));
    }
}
