using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RxStreams.State;

/// <summary>
/// One named state of a keyed operator on the heap: a value per key, with the key's last access when the state has a
/// time to live. Expiry is kept in a queue in time order, one pending entry per key, so expired keys are freed as time
/// passes in constant amortised time, whether or not they are ever read again.
/// </summary>
internal sealed class HeapStateTable<TKey, TValue> : IStateTable<TKey>
    where TKey : notnull
{
    private readonly HeapKeyedStateBackend<TKey> _backend;
    private readonly CowHashTable<TKey, Entry> _entries;
    private readonly StateTtlConfig? _ttlConfig;
    private readonly long _ttl;
    private readonly Queue<(TKey Key, long Expiry)>? _expiries;
    private readonly Func<TValue, TValue>? _restored;
    private long _cachedStamp = -1;
    private int _cachedGeneration;
    private int _cachedSlot = -1;
    private IStateSerializer<TValue>? _serializer;

    /// <summary>Creates the table.</summary>
    /// <param name="backend">The backend whose current key and clocks the table uses.</param>
    /// <param name="descriptor">The state's declaration.</param>
    /// <param name="restored">Rebuilds a value read from a checkpoint (a map gets its comparer back); null keeps it as read.</param>
    /// <param name="serializer">The descriptor's own serializer, if it has one; null resolves one from <see cref="StateSerializers"/>.</param>
    public HeapStateTable(HeapKeyedStateBackend<TKey> backend, StateDescriptor descriptor, Func<TValue, TValue>? restored = null, IStateSerializer<TValue>? serializer = null)
    {
        _serializer = serializer;
        _backend = backend;
        _restored = restored;
        Descriptor = descriptor;
        _entries = new CowHashTable<TKey, Entry>(backend.Comparer);
        _ttlConfig = descriptor.Ttl;
        if (_ttlConfig is not null)
        {
            _ttl = _ttlConfig.Milliseconds;
            _expiries = new Queue<(TKey, long)>();
        }
    }

    public StateDescriptor Descriptor { get; }

    public Type ValueType => typeof(TValue);

    /// <summary>How many keys hold this state.</summary>
    public int Count => _entries.Count;

    /// <summary>The current key's value, if it has one that has not expired (or may be returned expired).</summary>
    public bool TryGet(out TValue value)
    {
        var key = _backend.CurrentKey;
        var slot = Slot(key);
        if (slot < 0)
        {
            value = default!;
            return false;
        }

        ref var entry = ref _ttlConfig is { UpdateType: StateTtlUpdate.OnReadAndWrite } ? ref _entries.Write(slot) : ref _entries.Read(slot);

        if (_ttl != 0)
        {
            var now = Now();
            if (Expired(entry.LastAccess, now))
            {
                value = entry.Value;
                _entries.Remove(key);
                _cachedSlot = -1;
                if (_ttlConfig!.Visibility == StateVisibility.ReturnExpiredIfNotCleanedUp)
                {
                    return true;
                }

                value = default!;
                return false;
            }

            if (_ttlConfig!.UpdateType == StateTtlUpdate.OnReadAndWrite)
            {
                Touch(ref entry, key, now);
            }
        }

        value = entry.Value;
        return true;
    }

    /// <summary>
    /// A reference to the current key's value for an update in place, added as <c>default</c> when absent or expired
    /// (<paramref name="existed"/> is then false). Restarts the time to live.
    /// </summary>
    public ref TValue GetForUpdate(out bool existed)
    {
        var key = _backend.CurrentKey;
        var slot = Slot(key);
        existed = slot >= 0;
        if (!existed)
        {
            slot = _cachedSlot = _entries.Add(key);
        }

        ref var entry = ref _entries.Write(slot);

        if (_ttl != 0)
        {
            var now = Now();
            if (existed && Expired(entry.LastAccess, now))
            {
                existed = false;
                entry.Value = default!;
            }

            Touch(ref entry, key, now);
        }

        return ref entry.Value;
    }

    /// <summary>Sets the current key's value.</summary>
    public void Set(TValue value) => GetForUpdate(out _) = value;

    /// <summary>Frees the current key's value.</summary>
    public void Remove()
    {
        if (Slot(_backend.CurrentKey) >= 0)
        {
            _entries.Remove(_backend.CurrentKey);
            _cachedSlot = -1;
        }
    }

    /// <summary>
    /// The current key's slot, looked up once per record however many times the function reads and writes the state
    /// (a record usually reads a value and then writes it).
    /// </summary>
    private int Slot(TKey key)
    {
        var stamp = _backend.KeyStamp;
        if (_cachedStamp != stamp || _cachedGeneration != _entries.Generation)
        {
            _cachedSlot = _entries.IndexOf(key);
            _cachedStamp = stamp;
            _cachedGeneration = _entries.Generation;
        }

        return _cachedSlot;
    }

    /// <inheritdoc />
    public int CleanUp(long now)
    {
        if (_expiries is null)
        {
            return 0;
        }

        var removed = 0;
        while (_expiries.TryPeek(out var item) && item.Expiry <= now)
        {
            _expiries.Dequeue();
            ref var entry = ref _entries.FindForRead(item.Key);
            if (Unsafe.IsNullRef(ref entry) || !entry.Queued || entry.QueuedExpiry != item.Expiry)
            {
                // The key was freed (and perhaps created again with an entry of its own) since this was queued.
                continue;
            }

            var expiry = EventTime.Add(entry.LastAccess, _ttl);
            if (expiry <= now)
            {
                _entries.Remove(item.Key);
                _cachedStamp = -1;
                removed++;
            }
            else
            {
                _entries.FindForWrite(item.Key).QueuedExpiry = expiry;
                _expiries.Enqueue((item.Key, expiry));
            }
        }

        if (removed > 0)
        {
            Shrink();
        }

        return removed;
    }

    /// <inheritdoc />
    public string Schema => $"{Descriptor.Kind} {SerializerIds.Part(Serializer)}{(_ttl != 0 ? " ttl" : string.Empty)}";

    private IStateSerializer<TValue> Serializer => _serializer ?? throw new InvalidOperationException(
        $"State '{Descriptor.Name}' has no serializer yet: the operator must prepare its states for checkpoints first.");

    /// <inheritdoc />
    public void PrepareSerializer(string operatorName)
    {
        if (_serializer is not null)
        {
            return;
        }
        _serializer = StateSerializers.Get<TValue>($"state '{Descriptor.Name}' of operator '{operatorName}'");
    }

    /// <inheritdoc />
    public ICapturedTable<TKey> Capture(string section)
    {
        if (CapturedTables.CopyIsSnapshot<TValue>())
        {
            // Values that are replaced, never changed in place: the pages at the barrier are the snapshot (copy on write).
            return new CowCapturedTable(section, Serializer, _ttl != 0, _entries.Capture());
        }

        return CapturedTables.Serialize(section, Serializer, _ttl != 0, _entries.Entries(), _entries.Count, static e => (e.Value, e.LastAccess));
    }

    /// <inheritdoc />
    public void ReadSection(ref StateReader reader, int keyGroup, IStateSerializer<TKey> keys)
    {
        var serializer = Serializer;
        while (KeyGroupReader.NextEntry(ref reader, keys, out var key))
        {
            var value = serializer.Read(ref reader);
            _cachedStamp = -1;
            ref var entry = ref _entries.GetOrAdd(key, out _);
            entry.Value = _restored is null ? value : _restored(value);
            if (_ttl != 0)
            {
                entry.LastAccess = reader.ReadVarInt64();
                entry.Queued = true;
                entry.QueuedExpiry = EventTime.Add(entry.LastAccess, _ttl);
                _expiries!.Enqueue((key, entry.QueuedExpiry));
            }
        }

    }

    private long Now() => _ttlConfig!.TimeDomain == TimeDomain.EventTime ? _backend.CurrentEventTime : _backend.ProcessingTime();

    private bool Expired(long lastAccess, long now) => EventTime.Add(lastAccess, _ttl) <= now;

    private void Touch(ref Entry entry, TKey key, long now)
    {
        entry.LastAccess = now;
        if (!entry.Queued)
        {
            entry.Queued = true;
            entry.QueuedExpiry = EventTime.Add(now, _ttl);
            _expiries!.Enqueue((key, entry.QueuedExpiry));
        }
    }

    private void Shrink()
    {
        // The table gives memory back only after a spike has mostly drained (hysteresis), so a steady state never trims and regrows.
        var before = _entries.Capacity;
        _entries.Shrink();
        if (_entries.Capacity < before)
        {
            _expiries!.TrimExcess();
        }
    }

    private struct Entry
    {
        public TValue Value;
        public long LastAccess;
        public long QueuedExpiry;
        public bool Queued;
    }

    /// <summary>A table's pages at a barrier, written into key groups later and then released.</summary>
    private sealed class CowCapturedTable(string section, IStateSerializer<TValue> values, bool ttl, CowHashTable<TKey, Entry>.Snapshot snapshot) : ICapturedTable<TKey>
    {
        public void Write(KeyGroupWriter<TKey> writer)
        {
            try
            {
                writer.BeginSection(section);
                var visitor = new Writer(writer, values, ttl);
                snapshot.ForEach(ref visitor);
            }
            finally
            {
                snapshot.Release();
            }
        }

        private readonly struct Writer(KeyGroupWriter<TKey> writer, IStateSerializer<TValue> values, bool ttl) : CowHashTable<TKey, Entry>.IEntryVisitor
        {
            public void Visit(TKey key, in Entry entry)
            {
                var output = writer.Entry(key);
                values.Write(output, entry.Value);
                if (ttl)
                {
                    output.WriteVarInt64(entry.LastAccess);
                }
            }
        }
    }
}
