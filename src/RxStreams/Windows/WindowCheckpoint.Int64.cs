using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using RxStreams.State;

namespace RxStreams.Windows;

/// <summary>
/// The snapshot writers for the most common window state, <see cref="long"/> keys and <see cref="long"/> contents (a
/// count or sum per key) with the built-in serializers: the same bytes as the general writers, put down in one
/// reserved span per entry instead of a serializer call per field, so a checkpoint of a million windows writes in a
/// fraction of the time, and read back likewise. <c>WindowCheckpointInt64LayoutTest</c> checks that both give identical bytes.
/// </summary>
internal sealed partial class WindowCheckpoint<TKey, TState>
{
    // An entry's most bytes: the key, the window, the contents, three varints and the flags (timers need fewer).
    private const int MaxInt64Entry = (4 * sizeof(long)) + (3 * VarInt.MaxBytes) + 1;

    private readonly bool _int64Layout;

    /// <summary>Forces the general writers and readers (for the test that compares both).</summary>
    internal bool GeneralWritersOnly { get; init; }

    /// <summary>True when the writers and readers of this file are used.</summary>
    internal bool UseInt64Layout => _int64Layout && !GeneralWritersOnly;

    private static bool Int64Layout(IStateSerializer<TKey> keys, IStateSerializer<TState> contents) =>
        typeof(TKey) == typeof(long) && typeof(TState) == typeof(long) &&
        keys is PrimitiveSerializer<long> && contents is PrimitiveSerializer<long>;

    private static void WriteInt64Windows(KeyGroupWriter<TKey> writer, CapturedWindows<TKey, TState> windows)
    {
        for (var slot = 0; slot < windows.SlotsUsed; slot++)
        {
            ref readonly var entry = ref windows[slot];
            if (!entry.Live)
            {
                continue;
            }

            var output = writer.EntryWithoutKey(entry.Key);
            var span = output.GetSpan(MaxInt64Entry);
            var key = entry.Key;
            var contents = entry.Contents;
            BinaryPrimitives.WriteInt64LittleEndian(span, Unsafe.As<TKey, long>(ref key));
            BinaryPrimitives.WriteInt64LittleEndian(span[8..], entry.Window.Start);
            BinaryPrimitives.WriteInt64LittleEndian(span[16..], entry.Window.End);
            BinaryPrimitives.WriteInt64LittleEndian(span[24..], Unsafe.As<TState, long>(ref contents));
            var length = 32;
            length += VarInt.Write(span[length..], entry.TriggerState);
            length += VarInt.Write(span[length..], entry.LastEventTimer);
            length += VarInt.Write(span[length..], entry.Firings);
            span[length++] = (byte)((entry.OnTimeFired ? OnTimeFired : 0) | (entry.EmittedSinceReset ? EmittedSinceReset : 0) | (entry.HasContents ? HasContents : 0));
            output.Advance(length);
        }
    }

    private static void WriteInt64Timers(KeyGroupWriter<TKey> writer, List<CapturedTimers<WindowHandle<TKey>>> pending)
    {
        var order = 0;
        foreach (var (time, items, from, to) in pending)
        {
            for (var i = from; i < to; i++)
            {
                var handle = items[i];
                var output = writer.EntryWithoutKey(handle.Key);
                var span = output.GetSpan(MaxInt64Entry);
                var key = handle.Key;
                BinaryPrimitives.WriteInt64LittleEndian(span, Unsafe.As<TKey, long>(ref key));
                var length = 8;
                length += VarInt.Write(span[length..], order++);
                length += VarInt.Write(span[length..], time);
                BinaryPrimitives.WriteInt64LittleEndian(span[length..], handle.Window.Start);
                BinaryPrimitives.WriteInt64LittleEndian(span[(length + 8)..], handle.Window.End);
                output.Advance(length + 16);
            }
        }
    }

    // Reads an entry's key as KeyGroupReader.NextEntry does; a long key without the serializer's two calls.
    private bool NextEntry(ref StateReader reader, out TKey key)
    {
        if (!UseInt64Layout)
        {
            return KeyGroupReader.NextEntry(ref reader, _keys, out key);
        }

        if (reader.ReadByte() == 0)
        {
            key = default!;
            return false;
        }

        var value = reader.ReadInt64();
        key = Unsafe.As<long, TKey>(ref value);
        return true;
    }

    private TState ReadContents(ref StateReader reader)
    {
        if (!UseInt64Layout)
        {
            return _contents.Read(ref reader);
        }

        var value = reader.ReadInt64();
        return Unsafe.As<long, TState>(ref value);
    }
}
