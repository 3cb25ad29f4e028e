using System;
using MemoryPack;

namespace RxStreams.State;

/// <summary>
/// A <c>[MemoryPackable]</c> type through MemoryPack: the byte count (4 bytes little-endian, filled in after the
/// value is written straight into the writer's buffer), then MemoryPack's bytes.
/// </summary>
/// <typeparam name="T">The type.</typeparam>
internal sealed class MemoryPackStateSerializer<T> : IStateSerializer<T>, IMemoryPackProbe
{
    public string Id { get; } = "memorypack:" + TypeNames.Of(typeof(T));

    public int Version => 1;

    public void Write(StateWriter writer, T value)
    {
        var start = writer.WrittenCount;
        writer.WriteInt32(0);
        try
        {
            MemoryPackSerializer.Serialize(writer, value);
        }
        catch (MemoryPackSerializationException e)
        {
            throw new StateSerializationException($"MemoryPack could not write a value of '{TypeNames.Of(typeof(T))}': {e.Message}", typeof(T), null, e);
        }

        writer.PatchInt32(start, writer.WrittenCount - start - sizeof(int));
    }

    public bool CanWriteDefault()
    {
        try
        {
            MemoryPackSerializer.Serialize(default(T));
            return true;
        }
        catch (MemoryPackSerializationException)
        {
            return false;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A real formatter that merely dislikes the default value; MemoryPack's placeholder throws only the above.
            return true;
        }
    }

    public T Read(ref StateReader reader)
    {
        var offset = reader.Position;
        var length = reader.ReadInt32();
        if (length < 0)
        {
            throw new StateSerializationException($"corrupt state: negative MemoryPack length {length} at offset {offset}.", typeof(T));
        }

        var bytes = reader.ReadBytes(length);
        try
        {
            return MemoryPackSerializer.Deserialize<T>(bytes)!;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // MemoryPack trusts its input: damaged bytes can fail in any way, all of which mean corrupt state here.
            throw new StateSerializationException(
                $"corrupt state: MemoryPack could not read the '{TypeNames.Of(typeof(T))}' at offset {offset}: {e.Message}", typeof(T), null, e);
        }
    }
}
