using System;
using System.Collections.Generic;
using System.Reactive.Concurrency;
using RxStreams.Exchanges;

namespace RxStreams.State;

/// <summary>
/// The keyed state of one operator subscription on the heap (Flink's <c>HeapKeyedStateBackend</c>): the named
/// states its function declared, each a table by key, read and written for <see cref="CurrentKey"/>.
/// </summary>
internal sealed class HeapKeyedStateBackend<TKey> : IKeyedStateBackend
    where TKey : notnull
{
    private const string StateSection = "s:";

    private readonly string _operatorName;
    private readonly IScheduler? _clock;
    private readonly Dictionary<string, (IHeapStateTable<TKey> Table, object Handle)> _states = new(StringComparer.Ordinal);
    private readonly List<IHeapStateTable> _processingTtl = [];
    private readonly List<IHeapStateTable> _eventTtl = [];
    private IStateSerializer<TKey>? _keySerializer;
    private TKey _currentKey = default!;
    private Func<TKey, int>? _hash;

    public HeapKeyedStateBackend(IEqualityComparer<TKey> comparer, string operatorName, IScheduler? clock)
    {
        Comparer = comparer;
        _operatorName = operatorName;
        _clock = clock;
    }

    public IEqualityComparer<TKey> Comparer { get; }

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

    /// <summary>Changes whenever <see cref="CurrentKey"/> is set, so a state can keep the current key's slot until then.</summary>
    public long KeyStamp { get; private set; }

    /// <summary>Event time for event-time time-to-live: the record's timestamp, or the timer's time, or the watermark.</summary>
    public long CurrentEventTime { get; set; } = long.MinValue;

    /// <summary>True when a state has a processing-time time to live.</summary>
    public bool HasProcessingTimeTtl => _processingTtl.Count > 0;

    /// <summary>True when a state has an event-time time to live.</summary>
    public bool HasEventTimeTtl => _eventTtl.Count > 0;

    /// <summary>Every state declared so far.</summary>
    public IEnumerable<IHeapStateTable> Tables
    {
        get
        {
            foreach (var (table, _) in _states.Values)
            {
                yield return table;
            }
        }
    }

    public long ProcessingTime() => _clock!.Now.ToUnixTimeMilliseconds();

    public ValueState<T> GetState<T>(ValueStateDescriptor<T> descriptor) =>
        GetOrCreate(descriptor, () =>
        {
            var table = new HeapStateTable<TKey, T>(this, descriptor, serializer: descriptor.Serializer);
            return (table, new HeapValueState<TKey, T>(table, descriptor));
        });

    public ListState<T> GetListState<T>(ListStateDescriptor<T> descriptor) =>
        GetOrCreate(descriptor, () =>
        {
            var table = new HeapStateTable<TKey, List<T>>(
                this, descriptor, serializer: descriptor.ElementSerializer is { } element ? (IStateSerializer<List<T>>)(object)new ListSerializer<T>(element) : null);
            return (table, new HeapListState<TKey, T>(table, descriptor));
        });

    public MapState<TUserKey, TUserValue> GetMapState<TUserKey, TUserValue>(MapStateDescriptor<TUserKey, TUserValue> descriptor)
        where TUserKey : notnull =>
        GetOrCreate(descriptor, () =>
        {
            var table = new HeapStateTable<TKey, Dictionary<TUserKey, TUserValue>>(
                this,
                descriptor,
                map => ReferenceEquals(map.Comparer, descriptor.Comparer) ? map : new Dictionary<TUserKey, TUserValue>(map, descriptor.Comparer),
                descriptor.KeySerializer is null && descriptor.ValueSerializer is null
                    ? null
                    : (IStateSerializer<Dictionary<TUserKey, TUserValue>>)(object)new DictionarySerializer<TUserKey, TUserValue>(
                        descriptor.KeySerializer ?? StateSerializers.Get<TUserKey>(), descriptor.ValueSerializer ?? StateSerializers.Get<TUserValue>()));
            return (table, new HeapMapState<TKey, TUserKey, TUserValue>(table, descriptor));
        });

    public ReducingState<T> GetReducingState<T>(ReducingStateDescriptor<T> descriptor) =>
        GetOrCreate(descriptor, () =>
        {
            var table = new HeapStateTable<TKey, T>(this, descriptor, serializer: descriptor.Serializer);
            return (table, new HeapReducingState<TKey, T>(table, descriptor));
        });

    public AggregatingState<TIn, TOut> GetAggregatingState<TIn, TAcc, TOut>(AggregatingStateDescriptor<TIn, TAcc, TOut> descriptor) =>
        GetOrCreate(descriptor, () =>
        {
            var table = new HeapStateTable<TKey, TAcc>(this, descriptor, serializer: descriptor.AccumulatorSerializer);
            return (table, new HeapAggregatingState<TKey, TIn, TAcc, TOut>(table, descriptor));
        });

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

    /// <summary>
    /// Resolves the serializers of the key and of every state declared so far (and of those declared later), so a
    /// type that cannot be checkpointed fails when the job starts, not at its first checkpoint.
    /// </summary>
    public void PrepareForCheckpoints()
    {
        _keySerializer = StateSerializers.Get<TKey>($"the key of operator '{_operatorName}'");
        _hash = StableHash.For<TKey>();
        foreach (var (table, _) in _states.Values)
        {
            table.PrepareSerializer(_operatorName);
        }
    }

    /// <summary>A writer that splits entries by key group.</summary>
    public KeyGroupWriter<TKey> CreateWriter() => new(_hash!, _keySerializer!);

    /// <summary>
    /// Captures every state as of now (the synchronous part of a snapshot) and writes their schemas into
    /// <paramref name="schema"/>; the captured states are written into key groups later.
    /// </summary>
    public List<ICapturedTable<TKey>> Capture(Dictionary<string, string> schema)
    {
        schema["key"] = SerializerIds.Part(_keySerializer!);
        var names = new List<string>(_states.Keys);
        names.Sort(StringComparer.Ordinal);
        var captured = new List<ICapturedTable<TKey>>(names.Count);
        foreach (var name in names)
        {
            var table = _states[name].Table;
            captured.Add(table.Capture(StateSection + name));
            schema[StateSection + name] = table.Schema;
        }

        return captured;
    }

    /// <summary>
    /// Checks that every state in a snapshot is declared here with the same kind, serializer and time-to-live flag,
    /// and that the key is read as it was written.
    /// </summary>
    public void CheckSchema(IReadOnlyDictionary<string, string> schema, string uid)
    {
        var where = $"operator '{_operatorName}' (uid '{uid}')";
        if (schema.TryGetValue("key", out var key) && key != SerializerIds.Part(_keySerializer!))
        {
            throw new Checkpoints.CheckpointRestoreException(
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
                throw new Checkpoints.CheckpointRestoreException(
                    $"The checkpoint holds state '{stateName}' ({written}) of {where}, which the function does not declare in Open.");
            }

            if (declared.Table.Schema != written)
            {
                throw new Checkpoints.CheckpointRestoreException(
                    $"State '{stateName}' of {where} was written as '{written}' and is declared as '{declared.Table.Schema}'. " +
                    "A changed state type, serializer or time to live cannot be read back: keep the old declaration, register a serializer that reads it, or give the state a new name.");
            }
        }
    }

    /// <summary>Reads a state section; false when the section is not a state's.</summary>
    public bool TryReadSection(string section, ref StateReader reader)
    {
        if (!section.StartsWith(StateSection, StringComparison.Ordinal))
        {
            return false;
        }

        _states[section[StateSection.Length..]].Table.ReadSection(ref reader, _keySerializer!);
        return true;
    }

    /// <summary>The key serializer, once prepared for checkpoints.</summary>
    public IStateSerializer<TKey> KeySerializer => _keySerializer!;

    private THandle GetOrCreate<THandle>(StateDescriptor descriptor, Func<(IHeapStateTable<TKey> Table, THandle Handle)> create)
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
                $"Operator '{_operatorName}' declares state '{descriptor.Name}' twice: as {existing.Table.Descriptor.Kind} of {existing.Table.ValueType.Name} and as {descriptor.Kind}. State names must be unique within an operator.");
        }

        if (descriptor.Ttl is { TimeDomain: TimeDomain.ProcessingTime } && _clock is null)
        {
            throw new InvalidOperationException(
                $"State '{descriptor.Name}' of operator '{_operatorName}' has a processing-time time to live, which needs a clock: pass a scheduler to Process(...).");
        }

        var (table, handle) = create();
        if (_keySerializer is not null)
        {
            table.PrepareSerializer(_operatorName);
        }

        _states.Add(descriptor.Name, (table, handle));
        if (descriptor.Ttl is { } ttl)
        {
            (ttl.TimeDomain == TimeDomain.ProcessingTime ? _processingTtl : _eventTtl).Add(table);
        }

        return handle;
    }
}
