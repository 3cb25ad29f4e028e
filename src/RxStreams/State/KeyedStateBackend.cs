using System;
using System.Collections.Generic;
using System.Reactive.Concurrency;
using RxStreams.Checkpoints;
using RxStreams.Exchanges;

namespace RxStreams.State;

/// <summary>
/// The keyed state of one operator subscription (Flink's <c>AbstractKeyedStateBackend</c>): the named states its
/// function declared, read and written for <see cref="CurrentKey"/>, their time-to-live cleanup, and the snapshot and
/// restore of all of them in the canonical key-group format that every backend writes and reads. A backend subclass
/// only says how each kind of state is stored (<see cref="CreateValueState{T}"/> and the other <c>Create…</c> methods).
/// </summary>
internal abstract class KeyedStateBackend<TKey> : IKeyedStateBackend, IDisposable
    where TKey : notnull
{
    /// <summary>The prefix of a state's section and schema entry in a snapshot.</summary>
    public const string StateSection = "s:";

    private readonly IScheduler? _clock;
    private readonly Dictionary<string, (IStateTable<TKey> Table, object Handle)> _states = new(StringComparer.Ordinal);
    private readonly List<IStateTable> _processingTtl = [];
    private readonly List<IStateTable> _eventTtl = [];

    // States whose checkpoint sections are in an older format, found by CheckSchema, rewritten as they are read.
    private readonly Dictionary<string, ISectionMigration> _migrations = new(StringComparer.Ordinal);
    private IStateSerializer<TKey>? _keySerializer;
    private Func<TKey, int>? _hash;
    private TKey _currentKey = default!;

    protected KeyedStateBackend(IEqualityComparer<TKey> comparer, string operatorName, IScheduler? clock)
    {
        Comparer = comparer;
        OperatorName = operatorName;
        _clock = clock;
    }

    public IEqualityComparer<TKey> Comparer { get; }

    /// <summary>The operator's name, for messages.</summary>
    public string OperatorName { get; }

    /// <summary>The key the states read and write; set by the operator before each callback.</summary>
    public TKey CurrentKey
    {
        get => _currentKey;
        set
        {
            _currentKey = value;
            KeyStamp++;
        }
    }

    /// <summary>Changes whenever <see cref="CurrentKey"/> is set, so a state can keep what it derived from the current key until then.</summary>
    public long KeyStamp { get; private set; }

    /// <summary>Event time for event-time time-to-live: the record's timestamp, or the timer's time, or the watermark.</summary>
    public long CurrentEventTime { get; set; } = long.MinValue;

    /// <summary>True when a state has a processing-time time to live.</summary>
    public bool HasProcessingTimeTtl => _processingTtl.Count > 0;

    /// <summary>True when a state has an event-time time to live.</summary>
    public bool HasEventTimeTtl => _eventTtl.Count > 0;

    /// <summary>Every state declared so far.</summary>
    public IEnumerable<IStateTable> Tables
    {
        get
        {
            foreach (var (table, _) in _states.Values)
            {
                yield return table;
            }
        }
    }

    /// <summary>The key serializer, once resolved (at <see cref="PrepareForCheckpoints"/>, or at creation by a backend that stores bytes).</summary>
    public IStateSerializer<TKey> KeySerializer => _keySerializer!;

    /// <summary>The stable hash that picks a key's group, once resolved.</summary>
    protected Func<TKey, int> KeyHash => _hash!;

    public long ProcessingTime() => _clock!.Now.ToUnixTimeMilliseconds();

    public ValueState<T> GetState<T>(ValueStateDescriptor<T> descriptor) => GetOrCreate(descriptor, () => CreateValueState(descriptor));

    public ListState<T> GetListState<T>(ListStateDescriptor<T> descriptor) => GetOrCreate(descriptor, () => CreateListState(descriptor));

    public MapState<TUserKey, TUserValue> GetMapState<TUserKey, TUserValue>(MapStateDescriptor<TUserKey, TUserValue> descriptor)
        where TUserKey : notnull =>
        GetOrCreate(descriptor, () => CreateMapState(descriptor));

    public ReducingState<T> GetReducingState<T>(ReducingStateDescriptor<T> descriptor) => GetOrCreate(descriptor, () => CreateReducingState(descriptor));

    public AggregatingState<TIn, TOut> GetAggregatingState<TIn, TAcc, TOut>(AggregatingStateDescriptor<TIn, TAcc, TOut> descriptor) =>
        GetOrCreate(descriptor, () => CreateAggregatingState(descriptor));

    protected abstract (IStateTable<TKey> Table, ValueState<T> Handle) CreateValueState<T>(ValueStateDescriptor<T> descriptor);

    protected abstract (IStateTable<TKey> Table, ListState<T> Handle) CreateListState<T>(ListStateDescriptor<T> descriptor);

    protected abstract (IStateTable<TKey> Table, MapState<TUserKey, TUserValue> Handle) CreateMapState<TUserKey, TUserValue>(MapStateDescriptor<TUserKey, TUserValue> descriptor)
        where TUserKey : notnull;

    protected abstract (IStateTable<TKey> Table, ReducingState<T> Handle) CreateReducingState<T>(ReducingStateDescriptor<T> descriptor);

    protected abstract (IStateTable<TKey> Table, AggregatingState<TIn, TOut> Handle) CreateAggregatingState<TIn, TAcc, TOut>(AggregatingStateDescriptor<TIn, TAcc, TOut> descriptor);

    /// <summary>Frees the state that expired on <paramref name="domain"/>'s clock at <paramref name="now"/>; returns how many keys' states.</summary>
    public int CleanUp(TimeDomain domain, long now)
    {
        var tables = domain == TimeDomain.ProcessingTime ? _processingTtl : _eventTtl;
        var removed = 0;
        for (var i = 0; i < tables.Count; i++)
        {
            removed += tables[i].CleanUp(now);
        }

        return removed;
    }

    /// <summary>How many keys hold state <paramref name="name"/> (for tests and diagnostics).</summary>
    public int CountKeys(string name) => _states[name].Table.Count;

    /// <summary>
    /// Resolves the serializers of the key and of every state declared so far (and of those declared later), so a
    /// type that cannot be checkpointed fails when the job starts, not at its first checkpoint.
    /// </summary>
    public void PrepareForCheckpoints()
    {
        ResolveKeySerializer();
        foreach (var (table, _) in _states.Values)
        {
            table.PrepareSerializer(OperatorName);
        }
    }

    /// <summary>A writer that splits entries by key group.</summary>
    public KeyGroupWriter<TKey> CreateWriter() => new(_hash!, _keySerializer!);

    /// <summary>
    /// Captures every state as of now (the synchronous part of a snapshot) and writes their schemas into
    /// <paramref name="schema"/>; the captured states are written into key groups later.
    /// </summary>
    public virtual List<ICapturedTable<TKey>> Capture(Dictionary<string, string> schema)
    {
        WriteSchema(schema);
        var names = new List<string>(_states.Keys);
        names.Sort(StringComparer.Ordinal);
        var captured = new List<ICapturedTable<TKey>>(names.Count);
        foreach (var name in names)
        {
            captured.Add(_states[name].Table.Capture(StateSection + name));
        }

        return captured;
    }

    /// <summary>Writes the key's and every state's schema into <paramref name="schema"/>.</summary>
    public void WriteSchema(Dictionary<string, string> schema)
    {
        schema["key"] = SerializerIds.Part(_keySerializer!);
        foreach (var (name, (table, _)) in _states)
        {
            schema[StateSection + name] = table.Schema;
        }
    }

    /// <summary>
    /// Takes the backend's own snapshot of every state for checkpoint <paramref name="checkpointId"/> instead of
    /// canonical key groups (an incremental RocksDB checkpoint); null when the backend writes key groups.
    /// </summary>
    public virtual INativeSnapshot? CaptureNative(long checkpointId) => null;

    /// <summary>Checkpoint <paramref name="checkpointId"/> is durable; called on the job's scheduler, possibly another thread.</summary>
    public virtual void NotifyCheckpointComplete(long checkpointId)
    {
    }

    /// <summary>
    /// Checks that every state in a snapshot is declared here with the same kind, serializer and time-to-live flag,
    /// and that the key is read as it was written.
    /// </summary>
    public void CheckSchema(IReadOnlyDictionary<string, string> schema, string uid)
    {
        var where = $"operator '{OperatorName}' (uid '{uid}')";
        if (schema.TryGetValue("key", out var key) && key != SerializerIds.Part(_keySerializer!))
        {
            throw new CheckpointRestoreException(
                $"The key of {where} was written as '{key}' and is now '{SerializerIds.Part(_keySerializer!)}': a changed key type cannot be read back.");
        }

        foreach (var (name, written) in schema)
        {
            if (!name.StartsWith(StateSection, StringComparison.Ordinal))
            {
                continue;
            }

            var stateName = name[StateSection.Length..];
            if (!_states.TryGetValue(stateName, out var declared))
            {
                throw new CheckpointRestoreException(
                    $"The checkpoint holds state '{stateName}' ({written}) of {where}, which the function does not declare in Open.");
            }

            if (declared.Table.Schema != written)
            {
                _migrations[stateName] = declared.Table.Descriptor.FindMigration(written) ?? throw new CheckpointRestoreException(
                    $"State '{stateName}' of {where} was written as '{written}' and is declared as '{declared.Table.Schema}'. " +
                    "A changed state type, serializer or time to live cannot be read back: keep the old declaration, register a serializer that reads it, " +
                    "give the descriptor a migration from the old type (Migrations = [StateMigration.From<TOld, TNew>(convert)]), or give the state a new name.");
            }
        }
    }

    /// <summary>True when a restore migrates some state from an older format (read from canonical key groups then, never natively).</summary>
    public bool Migrates => _migrations.Count > 0;

    /// <summary>Reads a state section of key group <paramref name="keyGroup"/>; false when the section is not a state's.</summary>
    public bool TryReadSection(string section, int keyGroup, ref StateReader reader)
    {
        if (!section.StartsWith(StateSection, StringComparison.Ordinal))
        {
            return false;
        }

        var name = section[StateSection.Length..];
        if (_migrations.TryGetValue(name, out var migration))
        {
            var migrated = new StateReader(migration.Rewrite(ref reader, _keySerializer!));
            _states[name].Table.ReadSection(ref migrated, keyGroup, _keySerializer!);
            return true;
        }

        _states[name].Table.ReadSection(ref reader, keyGroup, _keySerializer!);
        return true;
    }

    /// <summary>
    /// Restores the operator's keyed state when the backend can do better than reading canonical key groups (an
    /// incremental RocksDB checkpoint at the same parallelism opens its files); true when it did, and the key-group
    /// sections of the state need not be read.
    /// </summary>
    public virtual bool TryRestoreNatively(OperatorSnapshot snapshot, TaskInfo task) => false;

    /// <summary>Called once every key group of a restore was read: a backend that batches writes flushes them.</summary>
    public virtual void EndRestore()
    {
    }

    /// <summary>
    /// True when <see cref="Dispose"/> makes the state unreadable (a database closed), so an operator whose input ended
    /// in a running job must write its final snapshot before its subscription ends; the heap keeps it readable.
    /// </summary>
    public virtual bool ReleasesStateOnDispose => false;

    /// <summary>Frees what the backend holds outside the managed heap; the states must not be used afterwards.</summary>
    public virtual void Dispose()
    {
    }

    /// <summary>Resolves the key serializer and hash, failing with a <see cref="StateSerializationException"/> naming the operator.</summary>
    protected void ResolveKeySerializer()
    {
        _keySerializer ??= StateSerializers.Get<TKey>($"the key of operator '{OperatorName}'");
        _hash ??= StableHash.For<TKey>();
    }

    /// <summary>The key group of <paramref name="key"/>, as the exchange and the key-group writer compute it.</summary>
    protected int KeyGroupOf(TKey key) => HashRouter<object, object>.KeyGroupOf(_hash!(key));

    private THandle GetOrCreate<THandle>(StateDescriptor descriptor, Func<(IStateTable<TKey> Table, THandle Handle)> create)
        where THandle : class
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        if (_states.TryGetValue(descriptor.Name, out var existing))
        {
            if (existing.Handle is THandle same && existing.Table.Descriptor.Kind == descriptor.Kind)
            {
                return same;
            }

            throw new InvalidOperationException(
                $"Operator '{OperatorName}' declares state '{descriptor.Name}' twice: as {existing.Table.Descriptor.Kind} of {existing.Table.ValueType.Name} and as {descriptor.Kind}. State names must be unique within an operator.");
        }

        if (descriptor.Ttl is { TimeDomain: TimeDomain.ProcessingTime } && _clock is null)
        {
            throw new InvalidOperationException(
                $"State '{descriptor.Name}' of operator '{OperatorName}' has a processing-time time to live, which needs a clock: pass a scheduler to Process(...).");
        }

        var (table, handle) = create();
        if (_keySerializer is not null)
        {
            table.PrepareSerializer(OperatorName);
        }

        _states.Add(descriptor.Name, (table, handle));
        if (descriptor.Ttl is { } ttl)
        {
            (ttl.TimeDomain == TimeDomain.ProcessingTime ? _processingTtl : _eventTtl).Add(table);
        }

        return handle;
    }
}
