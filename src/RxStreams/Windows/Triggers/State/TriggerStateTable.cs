using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using RxStreams.State;

namespace RxStreams.Windows.Triggers;

/// <summary>
/// One named partitioned trigger state: a value per key and window (Flink's trigger state in the state backend, under
/// the window's namespace). Untyped view for the operator, which frees, snapshots and restores every table alike.
/// </summary>
internal abstract class TriggerStateTable<TKey>
    where TKey : notnull
{
    /// <summary>The state's name from its descriptor.</summary>
    public abstract string Name { get; }

    /// <summary>The state's kind and serializer, as a checkpoint's schema records them.</summary>
    public abstract string Schema { get; }

    /// <summary>The descriptor that declared the state.</summary>
    public abstract StateDescriptor Descriptor { get; }

    /// <summary>How many windows hold a value.</summary>
    public abstract int Count { get; }

    /// <summary>True when <paramref name="id"/> holds a value.</summary>
    public abstract bool Contains(in WindowId<TKey> id);

    /// <summary>Drops the value of <paramref name="id"/>, if any.</summary>
    public abstract void Remove(in WindowId<TKey> id);

    /// <summary>Writes every value, each as its key, window and length-prefixed bytes.</summary>
    public abstract void Write(KeyGroupWriter<TKey> writer, StateWriter scratch);

    /// <summary>Reads one value written by <see cref="Write"/>.</summary>
    public abstract void Read(in WindowId<TKey> id, ReadOnlySpan<byte> bytes);
}

/// <summary>The values of one partitioned trigger state of type <typeparamref name="T"/>.</summary>
internal sealed class TriggerStateTable<TKey, T> : TriggerStateTable<TKey>
    where TKey : notnull
{
    private readonly Dictionary<WindowId<TKey>, T> _values;
    private readonly IStateSerializer<T>? _serializer;

    /// <param name="descriptor">The state's declaration.</param>
    /// <param name="serializer">The descriptor's serializer, or null for the one <see cref="StateSerializers"/> gives (resolved at the first checkpoint).</param>
    /// <param name="comparer">Compares windows' keys with the stream's comparer.</param>
    public TriggerStateTable(StateDescriptor descriptor, IStateSerializer<T>? serializer, IEqualityComparer<WindowId<TKey>> comparer)
    {
        Descriptor = descriptor;
        _serializer = serializer;
        _values = new Dictionary<WindowId<TKey>, T>(comparer);
    }

    public override string Name => Descriptor.Name;

    public override StateDescriptor Descriptor { get; }

    public override string Schema => Descriptor.Kind + " " + SerializerIds.Part(Serializer);

    public override int Count => _values.Count;

    private IStateSerializer<T> Serializer => _serializer ?? StateSerializers.Get<T>($"the trigger state '{Name}'");

    public bool TryGet(in WindowId<TKey> id, out T value) => _values.TryGetValue(id, out value!);

    /// <summary>The slot of <paramref name="id"/>'s value, added as <c>default</c> when absent.</summary>
    public ref T GetOrAdd(in WindowId<TKey> id, out bool existed) => ref CollectionsMarshal.GetValueRefOrAddDefault(_values, id, out existed)!;

    public void Set(in WindowId<TKey> id, T value) => _values[id] = value;

    public override bool Contains(in WindowId<TKey> id) => _values.ContainsKey(id);

    public override void Remove(in WindowId<TKey> id) => _values.Remove(id);

    /// <summary>
    /// Reduces the values of <paramref name="sources"/> (in their order) into one, then into the value of
    /// <paramref name="target"/> (Flink's <c>mergeNamespaces</c>); the sources' values are removed. Nothing changes when
    /// the reduce function throws.
    /// </summary>
    public void Merge(TKey key, TimeWindow target, List<TimeWindow> sources, Func<T, T, T> reduce)
    {
        var any = false;
        T merged = default!;
        foreach (var source in sources)
        {
            if (source != target && _values.TryGetValue(new WindowId<TKey>(key, source), out var value))
            {
                merged = any ? reduce(merged, value) : value;
                any = true;
            }
        }

        if (!any)
        {
            return;
        }

        var targetId = new WindowId<TKey>(key, target);
        if (_values.TryGetValue(targetId, out var current))
        {
            merged = reduce(current, merged);
        }

        foreach (var source in sources)
        {
            if (source != target)
            {
                _values.Remove(new WindowId<TKey>(key, source));
            }
        }

        _values[targetId] = merged;
    }

    public override void Write(KeyGroupWriter<TKey> writer, StateWriter scratch)
    {
        var serializer = Serializer;
        foreach (var (id, value) in _values)
        {
            scratch.Reset();
            serializer.Write(scratch, value);
            var output = writer.Entry(id.Key);
            output.WriteInt64(id.Window.Start);
            output.WriteInt64(id.Window.End);
            output.WriteVarInt64(scratch.WrittenCount);
            output.WriteBytes(scratch.WrittenSpan);
        }
    }

    public override void Read(in WindowId<TKey> id, ReadOnlySpan<byte> bytes)
    {
        var reader = new StateReader(bytes);
        _values[id] = Serializer.Read(ref reader);
    }
}
