using System;
using System.Collections.Generic;
using System.Reactive.Concurrency;
using RocksDbSharp;
using RxStreams.Checkpoints;
using RxStreams.State;

namespace RxStreams.RocksDb;

/// <summary>
/// The keyed state of one operator subscription in RocksDB (Flink's <c>RocksDBKeyedStateBackend</c>): every state is
/// a column family whose rows are keyed by key group (2 bytes, big-endian, so a key-group range is one contiguous
/// scan), then the serialized key, then (map state) the serialized map key. Values are serialized on every write, so
/// the heap holds none of them.
/// </summary>
internal sealed class RocksDbKeyedStateBackend<TKey> : KeyedStateBackend<TKey>
    where TKey : notnull
{
    private const int RestoreBatchBytes = 4 << 20;

    private readonly StateWriter _prefix = new(64);
    private readonly List<IRocksDbTable> _tables = [];
    private readonly SharedSstRegistry _sharedFiles = new();
    private long _prefixStamp = -1;
    private WriteBatch? _restoreBatch;

    public RocksDbKeyedStateBackend(RocksDbStore store, RocksDbStateBackend settings, IEqualityComparer<TKey> comparer, string operatorName, IScheduler? clock)
        : base(comparer, operatorName, clock)
    {
        Store = store;
        Settings = settings;
        try
        {
            // Every access serializes the key, so a key without a serializer fails when the operator opens.
            ResolveKeySerializer();
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>The RocksDB instance.</summary>
    public RocksDbStore Store { get; }

    /// <summary>The backend's settings.</summary>
    public RocksDbStateBackend Settings { get; }

    /// <summary>
    /// The row-key prefix of <see cref="KeyedStateBackend{TKey}.CurrentKey"/>: its key group, big-endian, then the
    /// serialized key. Serialized once per key change into a reused buffer.
    /// </summary>
    public ReadOnlySpan<byte> CurrentPrefix
    {
        get
        {
            if (_prefixStamp != KeyStamp)
            {
                ObjectDisposedException.ThrowIf(Store.IsDisposed, this);
                var key = CurrentKey;
                _prefix.Reset();
                RowKeys.WriteKeyGroup(_prefix, KeyGroupOf(key));
                KeySerializer.Write(_prefix, key);
                _prefixStamp = KeyStamp;
            }

            return _prefix.WrittenSpan;
        }
    }

    /// <summary>Puts a row while a restore reads key groups, in batches.</summary>
    public void PutRestored(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, ColumnFamilyHandle family)
    {
        var batch = _restoreBatch ??= new WriteBatch();
        batch.Put(key, value, family);
        if (batch.AsSpan().Length >= RestoreBatchBytes)
        {
            FlushRestored();
        }
    }

    public override void EndRestore() => FlushRestored();

    public override bool ReleasesStateOnDispose => true;

    public override INativeSnapshot? CaptureNative(long checkpointId) =>
        Settings.IncrementalCheckpoints
            ? RocksDbIncrementalSnapshot.Take(Store, checkpointId, System.IO.Path.GetFileName(Store.Directory), _sharedFiles)
            : null;

    public override void NotifyCheckpointComplete(long checkpointId) => _sharedFiles.Completed(checkpointId);

    public override bool TryRestoreNatively(OperatorSnapshot snapshot, TaskInfo task)
    {
        var handles = new List<(SubtaskState Subtask, IncrementalHandle Handle)>();
        foreach (var subtask in snapshot.OperatorState)
        {
            if (NativeStateHandle.TryRead(subtask, out var backend, out var bytes))
            {
                if (backend != IncrementalHandle.Backend)
                {
                    throw new CheckpointRestoreException(
                        $"The keyed state of operator '{snapshot.OperatorName}' (uid '{snapshot.Uid}') is in files of the '{backend}' state backend, which the RocksDB backend cannot read.");
                }

                handles.Add((subtask, IncrementalHandle.Decode(bytes.Span, snapshot)));
            }
        }

        if (handles.Count == 0)
        {
            return false;
        }

        var own = handles.Find(h => h.Subtask.Subtask == task.Subtask && h.Subtask.Parallelism == task.Parallelism);
        if (own.Handle is not null && handles.TrueForAll(h => h.Subtask.Parallelism == task.Parallelism))
        {
            // The same parallelism: this task's files are its state; open them as they are.
            Store.Reopen(directory => own.Handle.Materialize(directory, snapshot));
            foreach (var table in _tables)
            {
                table.Rebind();
            }

            _prefixStamp = -1;
            _sharedFiles.Restored(own.Handle.Shared);
            return true;
        }

        // Another parallelism: copy the rows of the key groups this task owns out of every old task's files.
        var (first, last) = TaskKeyGroups.Range(task);
        foreach (var (subtask, handle) in handles)
        {
            using var files = new CheckpointFilesDb(handle, snapshot, $"{Store.Directory}.restore-{subtask.Subtask}");
            foreach (var family in files.Families)
            {
                if (family.StartsWith(StateSection, StringComparison.Ordinal))
                {
                    CopyRows(files, family, first, last, offset: 0);
                }
                else if (family.StartsWith("ttl:", StringComparison.Ordinal))
                {
                    CopyRows(files, family, first, last, offset: RowKeys.ExpiryPrefix);
                }
            }
        }

        FlushRestored();
        foreach (var table in _tables)
        {
            table.FindNextExpiry();
        }

        return true;
    }

    public override List<ICapturedTable<TKey>> Capture(Dictionary<string, string> schema)
    {
        // One RocksDB snapshot is the synchronous part for every state: the iterators that write key groups later read it.
        var snapshot = RocksDbSnapshotLease.Take(Store, _tables.Count);
        foreach (var table in _tables)
        {
            table.UseSnapshot(snapshot);
        }

        return base.Capture(schema);
    }

    public override void Dispose()
    {
        _restoreBatch?.Dispose();
        _restoreBatch = null;
        Store.Dispose();
        foreach (var table in _tables)
        {
            table.Dispose();
        }

        _prefix.Dispose();
        base.Dispose();
    }

    protected override (IStateTable<TKey> Table, ValueState<T> Handle) CreateValueState<T>(ValueStateDescriptor<T> descriptor)
    {
        var table = Add(new RocksDbValueTable<TKey, T>(this, descriptor, descriptor.Serializer ?? Serializer<T>(descriptor)));
        return (table, new RocksDbValueState<TKey, T>(table, descriptor));
    }

    protected override (IStateTable<TKey> Table, ListState<T> Handle) CreateListState<T>(ListStateDescriptor<T> descriptor)
    {
        var table = Add(new RocksDbListTable<TKey, T>(this, descriptor, descriptor.ElementSerializer ?? Serializer<T>(descriptor)));
        return (table, new RocksDbListState<TKey, T>(table, descriptor));
    }

    protected override (IStateTable<TKey> Table, MapState<TUserKey, TUserValue> Handle) CreateMapState<TUserKey, TUserValue>(MapStateDescriptor<TUserKey, TUserValue> descriptor)
    {
        var table = Add(new RocksDbMapTable<TKey, TUserKey, TUserValue>(
            this, descriptor, descriptor.KeySerializer ?? Serializer<TUserKey>(descriptor), descriptor.ValueSerializer ?? Serializer<TUserValue>(descriptor)));
        return (table, new RocksDbMapState<TKey, TUserKey, TUserValue>(table, descriptor));
    }

    protected override (IStateTable<TKey> Table, ReducingState<T> Handle) CreateReducingState<T>(ReducingStateDescriptor<T> descriptor)
    {
        var table = Add(new RocksDbValueTable<TKey, T>(this, descriptor, descriptor.Serializer ?? Serializer<T>(descriptor)));
        return (table, new RocksDbReducingState<TKey, T>(table, descriptor));
    }

    protected override (IStateTable<TKey> Table, AggregatingState<TIn, TOut> Handle) CreateAggregatingState<TIn, TAcc, TOut>(AggregatingStateDescriptor<TIn, TAcc, TOut> descriptor)
    {
        var table = Add(new RocksDbValueTable<TKey, TAcc>(this, descriptor, descriptor.AccumulatorSerializer ?? Serializer<TAcc>(descriptor)));
        return (table, new RocksDbAggregatingState<TKey, TIn, TAcc, TOut>(table, descriptor));
    }

    private IStateSerializer<T> Serializer<T>(StateDescriptor descriptor) =>
        StateSerializers.Get<T>($"state '{descriptor.Name}' of operator '{OperatorName}'");

    private TTable Add<TTable>(TTable table)
        where TTable : IRocksDbTable
    {
        _tables.Add(table);
        return table;
    }

    private void CopyRows(CheckpointFilesDb files, string family, int first, int last, int offset)
    {
        var target = Store.Family(family);
        using var iterator = offset == 0 ? files.Seek(family, first) : files.Seek(family, 0);
        for (; iterator.Valid(); iterator.Next())
        {
            var key = iterator.GetKeySpan();
            var group = RowKeys.KeyGroup(key[offset..]);
            if (group > last && offset == 0)
            {
                return;
            }

            if (group >= first && group <= last)
            {
                PutRestored(key, iterator.GetValueSpan(), target);
            }
        }
    }

    private void FlushRestored()
    {
        if (_restoreBatch is { } batch && batch.Count() > 0)
        {
            Store.Db.Write(batch, Store.WriteOptions);
            batch.Clear();
        }
    }
}
