using System;
using System.Collections.Generic;
using RxStreams.Checkpoints;
using RxStreams.State;

namespace RxStreams.Windows.Triggers;

/// <summary>
/// The partitioned states of a window operator's trigger (Flink's trigger state: <c>getPartitionedState</c>,
/// <c>mergePartitionedState</c>): per named state, a value per key and window. The operator frees a window's values
/// with the window, drops merged-away windows' values after <see cref="WindowTrigger.OnMerge"/>, and writes and reads
/// them in checkpoints (one section per state, <c>w:trigger:</c> + name). States are declared lazily, at the trigger's
/// first call for them, as in Flink; values restored before that wait as bytes and are read at the declaration.
/// </summary>
/// <remarks>Built-in triggers keep their one number in the window entry instead (<see cref="ITriggerContext.State"/>): none of this runs for them.</remarks>
internal sealed class TriggerStates<TKey>
    where TKey : notnull
{
    /// <summary>The prefix of a trigger state's section and schema entry in a snapshot.</summary>
    public const string SectionPrefix = "w:trigger:";

    private readonly string _operatorName;
    private readonly Func<WindowId<TKey>> _current;
    private readonly WindowId<TKey>.Comparer _comparer;
    private readonly Dictionary<string, TriggerStateTable<TKey>> _tables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, object> _handles = new(StringComparer.Ordinal);

    // Values restored for states not declared yet: their schema and bytes per window.
    private readonly Dictionary<string, (string Schema, Dictionary<WindowId<TKey>, byte[]> Values)> _restored = new(StringComparer.Ordinal);

    // While the trigger's OnMerge runs: the merged key, the merged window and the windows merged into it.
    private List<TimeWindow>? _mergeSources;
    private TKey _mergeKey = default!;
    private TimeWindow _mergeTarget;

    /// <param name="operatorName">The operator, for messages.</param>
    /// <param name="keys">The stream's key comparer.</param>
    /// <param name="current">The key and window the trigger is deciding about.</param>
    public TriggerStates(string operatorName, IEqualityComparer<TKey> keys, Func<WindowId<TKey>> current)
    {
        _operatorName = operatorName;
        _current = current;
        _comparer = new WindowId<TKey>.Comparer(keys);
    }

    /// <summary>True while no state was declared or restored: the operator then skips the cleanup.</summary>
    public bool IsEmpty => _tables.Count == 0 && _restored.Count == 0;

    /// <summary>The key and window the trigger is deciding about.</summary>
    public WindowId<TKey> Current => _current();

    /// <summary>How many (state, window) values are held, restored ones included (for tests of cleanup).</summary>
    public int Count
    {
        get
        {
            var count = 0;
            foreach (var table in _tables.Values)
            {
                count += table.Count;
            }

            foreach (var (_, values) in _restored.Values)
            {
                count += values.Count;
            }

            return count;
        }
    }

    public ValueState<T> Value<T>(ValueStateDescriptor<T> descriptor)
    {
        if (Known<T, ValueState<T>>(descriptor) is { } known)
        {
            return known;
        }

        var handle = new TriggerValueState<TKey, T>(this, Declare(descriptor, descriptor.Serializer), descriptor);
        _handles.Add(descriptor.Name, handle);
        return handle;
    }

    public ReducingState<T> Reducing<T>(ReducingStateDescriptor<T> descriptor)
    {
        if (Known<T, ReducingState<T>>(descriptor) is { } known)
        {
            return known;
        }

        var handle = new TriggerReducingState<TKey, T>(this, Declare(descriptor, descriptor.Serializer), descriptor);
        _handles.Add(descriptor.Name, handle);
        return handle;
    }

    /// <summary>Reduces the merged-away windows' values of <paramref name="descriptor"/>'s state into the merged window's.</summary>
    /// <exception cref="InvalidOperationException">Not called from <see cref="WindowTrigger.OnMerge"/>.</exception>
    public void Merge<T>(ReducingStateDescriptor<T> descriptor)
    {
        Reducing(descriptor);
        if (_mergeSources is null)
        {
            throw new InvalidOperationException(
                $"Trigger state '{descriptor.Name}' of window operator '{_operatorName}' can only be merged in WindowTrigger.OnMerge, when session windows merge.");
        }

        // The reduce function of the declaration that created the state, as every later handle of it uses.
        var table = (TriggerStateTable<TKey, T>)_tables[descriptor.Name];
        table.Merge(_mergeKey, _mergeTarget, _mergeSources, ((ReducingStateDescriptor<T>)table.Descriptor).Reduce);
    }

    /// <summary>Called before the trigger's <see cref="WindowTrigger.OnMerge"/>: <paramref name="sources"/> merged into <paramref name="target"/>.</summary>
    public void BeginMerge(TKey key, TimeWindow target, List<TimeWindow> sources)
    {
        _mergeKey = key;
        _mergeTarget = target;
        _mergeSources = sources;
    }

    /// <summary>
    /// After <see cref="WindowTrigger.OnMerge"/>: the merged-away windows' values that the trigger did not merge are
    /// dropped (Flink clears the merged windows' trigger state after <c>onMerge</c>).
    /// </summary>
    public void EndMerge()
    {
        var sources = _mergeSources!;
        _mergeSources = null;
        if (!IsEmpty)
        {
            foreach (var source in sources)
            {
                if (source != _mergeTarget)
                {
                    Remove(_mergeKey, source);
                }
            }
        }

        _mergeKey = default!;
    }

    /// <summary>Drops every state's value of the window (freed at its cleanup time).</summary>
    public void Remove(TKey key, TimeWindow window)
    {
        var id = new WindowId<TKey>(key, window);
        foreach (var table in _tables.Values)
        {
            table.Remove(id);
        }

        foreach (var (_, values) in _restored.Values)
        {
            values.Remove(id);
        }
    }

    /// <summary>Writes every state's values, each state a section with its schema; at the barrier, as the values change in place.</summary>
    public void Snapshot(KeyGroupWriter<TKey> writer, Dictionary<string, string> schema)
    {
        var names = new List<string>(_tables.Count + _restored.Count);
        names.AddRange(_tables.Keys);
        names.AddRange(_restored.Keys);
        names.Sort(StringComparer.Ordinal);
        using var scratch = new StateWriter();
        foreach (var name in names)
        {
            var section = SectionPrefix + name;
            writer.BeginSection(section);
            if (_tables.TryGetValue(name, out var table))
            {
                schema[section] = table.Schema;
                table.Write(writer, scratch);
                continue;
            }

            var (written, values) = _restored[name];
            schema[section] = written;
            foreach (var (id, bytes) in values)
            {
                var output = writer.Entry(id.Key);
                output.WriteInt64(id.Window.Start);
                output.WriteInt64(id.Window.End);
                output.WriteVarInt64(bytes.Length);
                output.WriteBytes(bytes);
            }
        }
    }

    /// <summary>Keeps one restored value of state <paramref name="name"/>, written as <paramref name="schema"/>, until the trigger declares the state.</summary>
    public void AddRestored(string name, string schema, TKey key, TimeWindow window, byte[] bytes)
    {
        if (!_restored.TryGetValue(name, out var restored))
        {
            restored = (schema, new Dictionary<WindowId<TKey>, byte[]>(_comparer));
            _restored.Add(name, restored);
        }

        restored.Values[new WindowId<TKey>(key, window)] = bytes;
    }

    /// <summary>The handle of a state declared before, looked up by name as Flink binds trigger state (a trigger may create its descriptors per call); null when new.</summary>
    private THandle? Known<T, THandle>(StateDescriptor descriptor)
        where THandle : class
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        if (!_handles.TryGetValue(descriptor.Name, out var known))
        {
            return null;
        }

        return known as THandle ?? throw new InvalidOperationException(
            $"Window operator '{_operatorName}' declares trigger state '{descriptor.Name}' twice: as {_tables[descriptor.Name].Schema} and as " +
            $"{descriptor.Kind} of {typeof(T).Name}. State names must be unique within a trigger.");
    }

    /// <summary>Creates a state's table, with the values restored for it, if any.</summary>
    private TriggerStateTable<TKey, T> Declare<T>(StateDescriptor descriptor, IStateSerializer<T>? serializer)
    {
        if (descriptor.Ttl is not null)
        {
            throw new ArgumentException(
                $"Trigger state '{descriptor.Name}' of window operator '{_operatorName}' has a time to live; trigger state lives as long as its window instead.",
                nameof(descriptor));
        }

        var table = new TriggerStateTable<TKey, T>(descriptor, serializer, _comparer);
        if (_restored.Remove(descriptor.Name, out var restored))
        {
            if (restored.Schema != table.Schema)
            {
                throw new CheckpointRestoreException(
                    $"Trigger state '{descriptor.Name}' of window operator '{_operatorName}' was written as '{restored.Schema}' and is declared as '{table.Schema}': " +
                    "a changed state kind or type cannot be read back; keep the old declaration or give the state a new name.");
            }

            foreach (var (id, bytes) in restored.Values)
            {
                table.Read(id, bytes);
            }
        }

        _tables.Add(descriptor.Name, table);
        return table;
    }
}
