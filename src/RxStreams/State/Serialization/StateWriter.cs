using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace RxStreams.State;

/// <summary>
/// Writes state in RxStreams' binary layout (little-endian, zig-zag varints, length-prefixed UTF-8) into a growable
/// buffer rented from <see cref="ArrayPool{T}.Shared"/>. Reuse one writer across snapshots with <see cref="Reset"/>;
/// <see cref="Dispose"/> returns the buffer to the pool. Not thread-safe.
/// </summary>
public sealed class StateWriter : IBufferWriter<byte>, IDisposable
{
    private const int DefaultCapacity = 256;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private byte[] _buffer;
    private int _count;

    // False while the buffer is one this writer allocated itself (see Unpooled): it must not go back to the pool.
    private bool _pooled = true;

    /// <summary>Creates an empty writer.</summary>
    /// <param name="initialCapacity">Bytes to rent up front.</param>
    public StateWriter(int initialCapacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initialCapacity);
        _buffer = initialCapacity == 0 ? [] : ArrayPool<byte>.Shared.Rent(initialCapacity);
    }

    /// <summary>A writer over a fresh buffer of <paramref name="capacity"/> bytes that <see cref="Detach"/> can hand out without a copy.</summary>
    internal static StateWriter Unpooled(int capacity) =>
        new(0) { _buffer = GC.AllocateUninitializedArray<byte>(Math.Max(capacity, 1)), _pooled = false };

    /// <summary>
    /// The bytes written, handed over without a copy: the writer forgets its buffer (which never returns to the pool)
    /// and starts empty.
    /// </summary>
    internal ReadOnlyMemory<byte> Detach()
    {
        var written = _buffer.AsMemory(0, _count);
        _buffer = [];
        _count = 0;
        _pooled = true;
        return written;
    }

    /// <summary>The bytes written since creation or the last <see cref="Reset"/>; valid until the next write.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _count);

    /// <summary>The bytes written, as memory; valid until the next write.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _count);

    /// <summary>How many bytes have been written.</summary>
    public int WrittenCount => _count;

    /// <summary>Forgets what was written and keeps the buffer for the next use.</summary>
    public void Reset() => _count = 0;

    /// <summary>A copy of the written bytes.</summary>
    public byte[] ToArray() => WrittenSpan.ToArray();

    /// <summary>Writes one byte.</summary>
    /// <param name="value">The byte.</param>
    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_count++] = value;
    }

    /// <summary>Writes a boolean as one byte, 1 or 0.</summary>
    /// <param name="value">The value.</param>
    public void WriteBoolean(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    /// <summary>Writes a 16-bit integer, 2 bytes little-endian.</summary>
    /// <param name="value">The value.</param>
    public void WriteInt16(short value)
    {
        BinaryPrimitives.WriteInt16LittleEndian(GetSpan(sizeof(short)), value);
        _count += sizeof(short);
    }

    /// <summary>Writes a 32-bit integer, 4 bytes little-endian.</summary>
    /// <param name="value">The value.</param>
    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(GetSpan(sizeof(int)), value);
        _count += sizeof(int);
    }

    /// <summary>Writes a 64-bit integer, 8 bytes little-endian.</summary>
    /// <param name="value">The value.</param>
    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(GetSpan(sizeof(long)), value);
        _count += sizeof(long);
    }

    /// <summary>
    /// Writes a 64-bit integer as a zig-zag varint: 1 byte for -64..63, 2 bytes for -8192..8191, up to 10 bytes
    /// for the extremes.
    /// </summary>
    /// <param name="value">The value.</param>
    public void WriteVarInt64(long value) => _count += VarInt.Write(GetSpan(VarInt.MaxBytes), value);

    /// <summary>Writes a 32-bit float as its IEEE 754 bits, 4 bytes little-endian (NaN payloads are kept).</summary>
    /// <param name="value">The value.</param>
    public void WriteSingle(float value) => WriteInt32(BitConverter.SingleToInt32Bits(value));

    /// <summary>Writes a 64-bit float as its IEEE 754 bits, 8 bytes little-endian (NaN payloads are kept).</summary>
    /// <param name="value">The value.</param>
    public void WriteDouble(double value) => WriteInt64(BitConverter.DoubleToInt64Bits(value));

    /// <summary>
    /// Writes a string as its UTF-8 byte count (zig-zag varint, -1 for null) followed by the bytes.
    /// </summary>
    /// <param name="value">The string, or null.</param>
    /// <exception cref="StateSerializationException">The string holds an unpaired surrogate, which UTF-8 cannot carry.</exception>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteVarInt64(-1);
            return;
        }

        int length;
        try
        {
            length = StrictUtf8.GetByteCount(value);
        }
        catch (EncoderFallbackException e)
        {
            throw new StateSerializationException(
                $"cannot write string state: it holds an unpaired UTF-16 surrogate at index {e.Index}, which UTF-8 cannot represent.",
                typeof(string), null, e);
        }

        WriteVarInt64(length);
        _count += StrictUtf8.GetBytes(value, GetSpan(length));
    }

    /// <summary>Writes the bytes as they are, without a length; the reader must know how many to read.</summary>
    /// <param name="value">The bytes.</param>
    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        value.CopyTo(GetSpan(value.Length));
        _count += value.Length;
    }

    /// <summary>Overwrites 4 bytes already written at <paramref name="offset"/>, to fill in a length once known.</summary>
    /// <param name="offset">Where the 4 bytes start.</param>
    /// <param name="value">The value, little-endian.</param>
    public void PatchInt32(int offset, int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, _count - sizeof(int));
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(offset), value);
    }

    /// <inheritdoc />
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _count);
        _count += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 1));
        return _buffer.AsMemory(_count);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 1));
        return _buffer.AsSpan(_count);
    }

    /// <summary>Returns the buffer to the pool; a later write rents a new one.</summary>
    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _count = 0;
        if (buffer.Length > 0 && _pooled)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        _pooled = true;
    }

    private void Ensure(int needed)
    {
        if (_buffer.Length - _count < needed)
        {
            Grow(needed);
        }
    }

    private void Grow(int needed)
    {
        var required = (long)_count + needed;
        if (required > Array.MaxLength)
        {
            throw new StateSerializationException($"state too large: {required} bytes exceed the largest buffer ({Array.MaxLength} bytes).");
        }

        var size = (int)Math.Min(Array.MaxLength, Math.Max(required, Math.Max(DefaultCapacity, (long)_buffer.Length * 2)));
        var next = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, _count).CopyTo(next);
        var old = _buffer;
        _buffer = next;
        if (old.Length > 0 && _pooled)
        {
            ArrayPool<byte>.Shared.Return(old);
        }

        _pooled = true;
    }
}
