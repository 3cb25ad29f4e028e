using System;
using System.Collections.Generic;
using RxStreams.Checkpoints;
using RxStreams.Exchanges;
using RxStreams.State;
using RxStreams.Windows.Functions;
using RxStreams.Windows.Triggers;

namespace RxStreams.Windows;

/// <summary>
/// Writes a window operator's state into a checkpoint and reads it back (the snapshot side of Flink's
/// <c>WindowOperator</c>, whose state backend and timer service do this there). It only reads the operator's in-memory
/// layout at a barrier and rebuilds the same layout on restore, so the hot path pays nothing for checkpoints.
/// </summary>
/// <remarks>
/// Keyed sections, split by key group: <c>w:windows</c> (per live window its key, bounds, contents, trigger state,
/// last event-time timer, firing index and firing flags), <c>w:panes</c> (pane accumulators of sliced sliding windows),
/// <c>w:sessions</c> (each key's session windows in their order, which decides the merge order of contents) and
/// <c>t:event</c> / <c>t:processing</c> (every pending timer with its place in the firing order, so timers of different
/// key groups fire in the order they would have), and <c>w:trigger:</c> + name per typed trigger state (key, window and
/// the value's bytes; see <see cref="TriggerStates{TKey}"/>), and <c>s:</c> + name per global state of a process window
/// function, as a keyed process function's states are written. The watermark is the operator's non-keyed state. Serializers are
/// resolved when the job starts, so a window whose key or contents cannot be checkpointed fails then.
/// </remarks>
internal sealed partial class WindowCheckpoint<TKey, TState>
    where TKey : notnull
{
    private const string WindowsSection = "w:windows";
    private const string PanesSection = "w:panes";
    private const string SessionsSection = "w:sessions";
    private const string EventTimersSection = "t:event";
    private const string ProcessingTimersSection = "t:processing";
    private const string ContentsSchema = "w:contents";

    private const byte OnTimeFired = 1;
    private const byte EmittedSinceReset = 2;
    private const byte HasContents = 4;

    private readonly string _operatorName;
    private readonly IStateSerializer<TKey> _keys;
    private readonly IStateSerializer<TState> _contents;
    private readonly string _contentsSchema;
    private readonly Func<TKey, int> _hash = StableHash.For<TKey>();
    // Bytes per key group of the last snapshot, so the next one allocates each group's buffer once.
    private readonly int[] _groupSizes = new int[TaskInfo.MaxParallelism];

    /// <summary>Resolves the serializers of the key and the contents; throws <see cref="StateSerializationException"/> naming the operator when one is missing.</summary>
    /// <param name="operatorName">The operator, for messages.</param>
    /// <param name="contentsType">The window contents (function) type, whose kind the schema records.</param>
    public WindowCheckpoint(string operatorName, Type contentsType)
    {
        _operatorName = operatorName;
        _keys = StateSerializers.Get<TKey>($"the key of window operator '{operatorName}'");
        _contents = StateSerializers.Get<TState>($"the window contents of operator '{operatorName}'");
        _contentsSchema = FunctionOf(contentsType) + " " + SerializerIds.Part(_contents);
        _int64Layout = Int64Layout(_keys, _contents);
    }

    /// <summary>
    /// Captures the operator's state at a barrier. When window contents are values that records replace rather than
    /// change in place (the built-in aggregations), the synchronous part only copies the live entries and the timers,
    /// and they are written into key groups later, off the operator's thread; buffered contents (full-window functions)
    /// are written at once.
    /// </summary>
    public PendingSnapshot Snapshot(in WindowState<TKey, TState> state, long watermark)
    {
        var part = new SnapshotPart();
        part.Schema["key"] = SerializerIds.Part(_keys);
        part.Schema[ContentsSchema] = _contentsSchema;
        part.OperatorState = OperatorWatermark.Write(watermark);
        var writer = new KeyGroupWriter<TKey>(_hash, _keys, _groupSizes);

        // Sessions are few and their lists change in place: written now. The section order does not matter to a restore.
        if (state.Sessions is { } sessions)
        {
            writer.BeginSection(SessionsSection);
            foreach (var (key, windows) in sessions)
            {
                var output = writer.Entry(key);
                output.WriteVarInt64(windows.Count);
                foreach (var window in windows)
                {
                    WriteWindow(output, window);
                }
            }
        }

        // Typed trigger states change in place: written now too (only custom triggers have any).
        state.TriggerStates?.Snapshot(writer, part.Schema);

        // The function's global state: copy-on-write tables, captured now and written with the rest.
        var functionState = state.FunctionState?.Capture(part.Schema);

        // Copy-on-write: the tables and timer buckets are shared with the snapshot, not copied.
        var windowsCopy = state.Windows.Capture();
        var panesCopy = state.Panes?.Capture();
        var eventTimers = state.EventTimers.Capture();
        var processingTimers = state.ProcessingTimers.Capture();

        SnapshotPart Rest()
        {
            try
            {
                WriteWindows(writer, windowsCopy);
                if (panesCopy is not null)
                {
                    WritePanes(writer, panesCopy);
                }
            }
            finally
            {
                // The tables may reuse the pages they copied away from these captures.
                windowsCopy.Release();
                panesCopy?.Release();
            }

            if (functionState is not null)
            {
                foreach (var table in functionState)
                {
                    table.Write(writer);
                }
            }

            WriteTimers(writer, EventTimersSection, eventTimers);
            WriteTimers(writer, ProcessingTimersSection, processingTimers);
            part.KeyGroups.AddRange(writer.Finish());
            return part;
        }

        if (CapturedTables.CopyIsSnapshot<TState>())
        {
            return PendingSnapshot.Later(Rest);
        }

        // Contents changed in place (buffered records) are written now; no capture outlives this call.
        var done = Rest();
        state.Windows.EndCapture();
        state.Panes?.EndCapture();
        return done;
    }

    private void WriteWindows(KeyGroupWriter<TKey> writer, CapturedWindows<TKey, TState> windows)
    {
        writer.BeginSection(WindowsSection);
        if (UseInt64Layout)
        {
            WriteInt64Windows(writer, windows);
            return;
        }

        // A scan in slot order reads memory in sequence; walking the hash chains would miss the cache once per window.
        for (var slot = 0; slot < windows.SlotsUsed; slot++)
        {
            ref readonly var entry = ref windows[slot];
            if (!entry.Live)
            {
                continue;
            }

            var output = writer.Entry(entry.Key);
            WriteWindow(output, entry.Window);
            _contents.Write(output, entry.Contents);
            output.WriteVarInt64(entry.TriggerState);
            output.WriteVarInt64(entry.LastEventTimer);
            output.WriteVarInt64(entry.Firings);
            output.WriteByte((byte)((entry.OnTimeFired ? OnTimeFired : 0) | (entry.EmittedSinceReset ? EmittedSinceReset : 0) | (entry.HasContents ? HasContents : 0)));
        }
    }

    private void WritePanes(KeyGroupWriter<TKey> writer, CapturedWindows<TKey, TState> panes)
    {
        writer.BeginSection(PanesSection);
        for (var slot = 0; slot < panes.SlotsUsed; slot++)
        {
            ref readonly var entry = ref panes[slot];
            if (!entry.Live)
            {
                continue;
            }

            var output = writer.Entry(entry.Key);
            WriteWindow(output, entry.Window);
            _contents.Write(output, entry.Contents);
        }
    }

    /// <summary>Rebuilds the windows, panes, sessions and timers of the key groups <paramref name="task"/> owns into the empty <paramref name="state"/>; returns the watermark.</summary>
    /// <exception cref="CheckpointRestoreException">The checkpoint was written with another key type or window function, or is not a window operator's.</exception>
    public long Restore(OperatorSnapshot snapshot, TaskInfo task, in WindowState<TKey, TState> state)
    {
        CheckSchema(snapshot, "key", SerializerIds.Part(_keys), "key");
        CheckSchema(snapshot, ContentsSchema, _contentsSchema, "window function and its accumulator");
        state.FunctionState?.CheckSchema(snapshot.Schema, snapshot.Uid);
        var eventTimers = new RestoredTimers();
        var processingTimers = new RestoredTimers();
        foreach (var group in snapshot.KeyedState)
        {
            if (!task.OwnsKeyGroup(group.KeyGroup))
            {
                continue;
            }

            var reader = new StateReader(group.Data.Span);
            while (KeyGroupReader.NextSection(ref reader) is { } section)
            {
                switch (section)
                {
                    case WindowsSection:
                        // Timers already read found no window of this section: they look again when registered.
                        eventTimers.LookAgain |= eventTimers.Count > 0;
                        processingTimers.LookAgain |= processingTimers.Count > 0;
                        ReadWindows(ref reader, state.Windows, snapshot);
                        break;
                    case PanesSection when state.Panes is not null:
                        ReadPanes(ref reader, state.Panes, snapshot);
                        break;
                    case SessionsSection when state.Sessions is not null:
                        ReadSessions(ref reader, state.Sessions);
                        break;
                    case EventTimersSection:
                        ReadTimers(ref reader, eventTimers, state.Windows);
                        break;
                    case ProcessingTimersSection:
                        ReadTimers(ref reader, processingTimers, state.Windows);
                        break;
                    case var trigger when trigger.StartsWith(TriggerStates<TKey>.SectionPrefix, StringComparison.Ordinal) && state.TriggerStates is not null:
                        ReadTriggerState(ref reader, trigger, snapshot, state.TriggerStates);
                        break;
                    case var trigger when trigger.StartsWith(TriggerStates<TKey>.SectionPrefix, StringComparison.Ordinal):
                        throw new CheckpointRestoreException(
                            $"Window operator '{_operatorName}' (uid '{snapshot.Uid}') cannot restore the trigger state '{trigger[TriggerStates<TKey>.SectionPrefix.Length..]}': " +
                            "the checkpoint was written with a custom trigger, and this window has the event-time trigger, which keeps none.");
                    case var function when state.FunctionState is not null && state.FunctionState.TryReadSection(function, group.KeyGroup, ref reader):
                        break;
                    default:
                        throw new CheckpointRestoreException(
                            $"Window operator '{_operatorName}' (uid '{snapshot.Uid}') cannot restore the section '{section}' of key group {group.KeyGroup}: " +
                            "the checkpoint was written by a window of another kind (sliced panes, sessions) than this one.");
                }
            }
        }

        state.FunctionState?.EndRestore();
        RegisterTimers(eventTimers, state.Windows, state.EventTimers);
        RegisterTimers(processingTimers, state.Windows, state.ProcessingTimers);
        return OperatorWatermark.Read(snapshot, task);
    }

    /// <summary>What the schema records of a window function: the function's type name for built-in aggregations, <c>aggregate</c> for a user's, <c>process</c> for buffered contents.</summary>
    private static string FunctionOf(Type contentsType)
    {
        if (!contentsType.IsGenericType || contentsType.GetGenericTypeDefinition() != typeof(AggregateContents<,,,,>))
        {
            return "process";
        }

        var function = contentsType.GetGenericArguments()[4];
        if (function.IsInterface)
        {
            return "aggregate";
        }

        var name = function.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? name : name[..tick];
    }

    private void CheckSchema(OperatorSnapshot snapshot, string name, string expected, string what)
    {
        if (snapshot.Schema.TryGetValue(name, out var written) && written != expected)
        {
            throw new CheckpointRestoreException(
                $"The {what} of window operator '{_operatorName}' (uid '{snapshot.Uid}') was written as '{written}' and is now '{expected}': " +
                "a window's state cannot be restored into a different window function or accumulator type.");
        }
    }

    private void WriteTimers(KeyGroupWriter<TKey> writer, string section, List<CapturedTimers<WindowHandle<TKey>>> pending)
    {
        writer.BeginSection(section);
        if (UseInt64Layout)
        {
            WriteInt64Timers(writer, pending);
            return;
        }

        var order = 0;
        foreach (var (time, items, from, to) in pending)
        {
            for (var i = from; i < to; i++)
            {
                var handle = items[i];
                var output = writer.Entry(handle.Key);
                output.WriteVarInt64(order++);
                output.WriteVarInt64(time);
                WriteWindow(output, handle.Window);
            }
        }
    }

    private void ReadWindows(ref StateReader reader, WindowTable<TKey, TState> windows, OperatorSnapshot snapshot)
    {
        while (NextEntry(ref reader, out var key))
        {
            var window = ReadWindow(ref reader);
            var contents = ReadContents(ref reader);
            ref var entry = ref windows[Add(windows, key, window, contents, snapshot)];
            entry.TriggerState = reader.ReadVarInt64();
            entry.LastEventTimer = reader.ReadVarInt64();
            entry.Firings = checked((int)reader.ReadVarInt64());
            var flags = reader.ReadByte();
            entry.OnTimeFired = (flags & OnTimeFired) != 0;
            entry.EmittedSinceReset = (flags & EmittedSinceReset) != 0;
            entry.HasContents = (flags & HasContents) != 0;
        }
    }

    /// <summary>Reads a typed trigger state's values as bytes; the trigger's first call for the state reads them (see <see cref="TriggerStates{TKey}"/>).</summary>
    private void ReadTriggerState(ref StateReader reader, string section, OperatorSnapshot snapshot, TriggerStates<TKey> states)
    {
        var name = section[TriggerStates<TKey>.SectionPrefix.Length..];
        var schema = snapshot.Schema.TryGetValue(section, out var written) ? written : string.Empty;
        while (NextEntry(ref reader, out var key))
        {
            var window = ReadWindow(ref reader);
            var length = checked((int)reader.ReadVarInt64());
            states.AddRestored(name, schema, key, window, reader.ReadBytes(length).ToArray());
        }
    }

    private void ReadPanes(ref StateReader reader, WindowTable<TKey, TState> panes, OperatorSnapshot snapshot)
    {
        while (NextEntry(ref reader, out var key))
        {
            var pane = ReadWindow(ref reader);
            Add(panes, key, pane, ReadContents(ref reader), snapshot);
        }
    }

    private void ReadSessions(ref StateReader reader, Dictionary<TKey, List<TimeWindow>> sessions)
    {
        while (NextEntry(ref reader, out var key))
        {
            var count = checked((int)reader.ReadVarInt64());
            var windows = new List<TimeWindow>(count);
            for (var i = 0; i < count; i++)
            {
                windows.Add(ReadWindow(ref reader));
            }

            sessions[key] = windows;
        }
    }

    /// <summary>
    /// Reads a key group's timers and finds their windows at once: the group's windows were just added, so the lookups
    /// hit the cache, where finding them after every group was read would miss it once per timer.
    /// </summary>
    private void ReadTimers(ref StateReader reader, RestoredTimers timers, WindowTable<TKey, TState> windows)
    {
        while (NextEntry(ref reader, out var key))
        {
            var order = reader.ReadVarInt64();
            var time = reader.ReadVarInt64();
            var window = ReadWindow(ref reader);
            var slot = windows.Find(key, window);
            timers.Add(order, new RestoredTimer(key, window, time, slot, slot >= 0 ? windows[slot].Generation : -1));
        }
    }

    /// <summary>
    /// Registers the timers in their firing order. A timer's handle points at its window's new slot; a timer whose
    /// window is gone gets a handle that never matches a slot, so, as before the failure, it finds the window by key
    /// and bounds when it fires and is ignored unless that window exists again by then.
    /// </summary>
    private static void RegisterTimers(RestoredTimers restored, WindowTable<TKey, TState> windows, WindowTimers<TKey> queue)
    {
        foreach (var index in restored.FiringOrder())
        {
            ref readonly var timer = ref restored.Timers[index];
            var slot = timer.Slot;
            var generation = timer.Generation;
            if (slot < 0 && restored.LookAgain)
            {
                slot = windows.Find(timer.Key, timer.Window);
                generation = slot >= 0 ? windows[slot].Generation : -1;
            }

            queue.Register(timer.Key, timer.Window, Math.Max(slot, 0), generation, timer.Time);
        }
    }

    /// <summary>A timer read from a checkpoint, with the slot and generation of its window (−1 when not found yet).</summary>
    private readonly record struct RestoredTimer(TKey Key, TimeWindow Window, long Time, int Slot, int Generation);

    /// <summary>Timers read from key groups: their place in the firing order, and the timers, side by side.</summary>
    private sealed class RestoredTimers
    {
        private long[] _orders = [];

        public RestoredTimer[] Timers { get; private set; } = [];

        public int Count { get; private set; }

        /// <summary>Windows were read after some of these timers (our snapshots write them first; the format does not promise it).</summary>
        public bool LookAgain { get; set; }

        public void Add(long order, in RestoredTimer timer)
        {
            if (Count == _orders.Length)
            {
                var size = Math.Max(16, Count * 2);
                Array.Resize(ref _orders, size);
                var timers = Timers;
                Array.Resize(ref timers, size);
                Timers = timers;
            }

            _orders[Count] = order;
            Timers[Count++] = timer;
        }

        /// <summary>
        /// The indexes of the timers in firing order. A snapshot numbers its timers 0, 1, 2, … across key groups, so
        /// placing each at its number sorts them in one pass (with gaps where another task owns the key groups); numbers
        /// that are not small and distinct fall back to a sort.
        /// </summary>
        public int[] FiringOrder()
        {
            var count = Count;
            var max = -1L;
            for (var i = 0; i < count; i++)
            {
                if (_orders[i] < 0)
                {
                    return Sorted();
                }

                max = Math.Max(max, _orders[i]);
            }

            if (max >= 2L * count + 1024)
            {
                return Sorted();
            }

            var placed = new int[max + 1];
            Array.Fill(placed, -1);
            for (var i = 0; i < count; i++)
            {
                ref var at = ref placed[_orders[i]];
                if (at >= 0)
                {
                    return Sorted();
                }

                at = i;
            }

            var order = new int[count];
            var next = 0;
            foreach (var index in placed)
            {
                if (index >= 0)
                {
                    order[next++] = index;
                }
            }

            return order;
        }

        private int[] Sorted()
        {
            var keys = _orders[..Count];
            var order = new int[Count];
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            Array.Sort(keys, order);
            return order;
        }
    }

    private int Add(WindowTable<TKey, TState> table, TKey key, TimeWindow window, TState contents, OperatorSnapshot snapshot)
    {
        if (table.Find(key, window, out var hash) >= 0)
        {
            throw new CheckpointRestoreException(
                $"Window operator '{_operatorName}' (uid '{snapshot.Uid}'): the checkpoint holds the window {window} of key '{key}' twice; it is damaged.");
        }

        return table.Add(key, window, hash, contents);
    }

    private static void WriteWindow(StateWriter writer, TimeWindow window)
    {
        writer.WriteInt64(window.Start);
        writer.WriteInt64(window.End);
    }

    private static TimeWindow ReadWindow(ref StateReader reader)
    {
        var start = reader.ReadInt64();
        return new TimeWindow(start, reader.ReadInt64());
    }
}
