using System;
using System.Collections.Generic;
using System.Globalization;
using System.Reactive;

namespace RxStreams.State;

/// <summary>
/// The built-in serializers of scalar types, fixed-width little-endian like Flink's (so a value's size does not depend
/// on its magnitude), by CLR type.
/// </summary>
internal static class PrimitiveSerializers
{
    private const long TicksMask = 0x3FFF_FFFF_FFFF_FFFF;

    public static readonly IReadOnlyDictionary<Type, object> ByType = new Dictionary<Type, object>
    {
        [typeof(bool)] = new PrimitiveSerializer<bool>("bool", static (w, v) => w.WriteBoolean(v), static (ref StateReader r) => r.ReadBoolean()),
        [typeof(byte)] = new PrimitiveSerializer<byte>("u8", static (w, v) => w.WriteByte(v), static (ref StateReader r) => r.ReadByte()),
        [typeof(sbyte)] = new PrimitiveSerializer<sbyte>("i8", static (w, v) => w.WriteByte((byte)v), static (ref StateReader r) => (sbyte)r.ReadByte()),
        [typeof(short)] = new PrimitiveSerializer<short>("i16", static (w, v) => w.WriteInt16(v), static (ref StateReader r) => r.ReadInt16()),
        [typeof(ushort)] = new PrimitiveSerializer<ushort>("u16", static (w, v) => w.WriteInt16((short)v), static (ref StateReader r) => (ushort)r.ReadInt16()),
        [typeof(char)] = new PrimitiveSerializer<char>("char", static (w, v) => w.WriteInt16((short)v), static (ref StateReader r) => (char)r.ReadInt16()),
        [typeof(int)] = new PrimitiveSerializer<int>("i32", static (w, v) => w.WriteInt32(v), static (ref StateReader r) => r.ReadInt32()),
        [typeof(uint)] = new PrimitiveSerializer<uint>("u32", static (w, v) => w.WriteInt32((int)v), static (ref StateReader r) => (uint)r.ReadInt32()),
        [typeof(long)] = new PrimitiveSerializer<long>("i64", static (w, v) => w.WriteInt64(v), static (ref StateReader r) => r.ReadInt64()),
        [typeof(ulong)] = new PrimitiveSerializer<ulong>("u64", static (w, v) => w.WriteInt64((long)v), static (ref StateReader r) => (ulong)r.ReadInt64()),
        [typeof(float)] = new PrimitiveSerializer<float>("f32", static (w, v) => w.WriteSingle(v), static (ref StateReader r) => r.ReadSingle()),
        [typeof(double)] = new PrimitiveSerializer<double>("f64", static (w, v) => w.WriteDouble(v), static (ref StateReader r) => r.ReadDouble()),
        [typeof(decimal)] = new PrimitiveSerializer<decimal>("decimal", WriteDecimal, ReadDecimal),
        [typeof(string)] = new PrimitiveSerializer<string?>("string", static (w, v) => w.WriteString(v), static (ref StateReader r) => r.ReadString()),
        [typeof(Guid)] = new PrimitiveSerializer<Guid>("guid", WriteGuid, static (ref StateReader r) => new Guid(r.ReadBytes(16))),
        [typeof(TimeSpan)] = new PrimitiveSerializer<TimeSpan>("timespan", static (w, v) => w.WriteInt64(v.Ticks), static (ref StateReader r) => new TimeSpan(r.ReadInt64())),
        [typeof(DateTime)] = new PrimitiveSerializer<DateTime>("datetime", static (w, v) => w.WriteInt64(PackDateTime(v)), ReadDateTime),
        [typeof(DateTimeOffset)] = new PrimitiveSerializer<DateTimeOffset>("datetimeoffset", WriteDateTimeOffset, ReadDateTimeOffset),
        [typeof(byte[])] = new PrimitiveSerializer<byte[]?>("bytes", WriteByteArray, ReadByteArray),
        [typeof(Unit)] = new PrimitiveSerializer<Unit>("unit", static (w, _) => w.WriteByte(0), static (ref StateReader r) => ReadUnit(ref r)),
    };

    private static void WriteDecimal(StateWriter writer, decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        for (var i = 0; i < bits.Length; i++)
        {
            writer.WriteInt32(bits[i]);
        }
    }

    private static decimal ReadDecimal(ref StateReader reader)
    {
        Span<int> bits = stackalloc int[4];
        for (var i = 0; i < bits.Length; i++)
        {
            bits[i] = reader.ReadInt32();
        }

        try
        {
            return new decimal(bits);
        }
        catch (ArgumentException e)
        {
            throw Invalid<decimal>(reader.Position - (4 * sizeof(int)), e);
        }
    }

    private static void WriteGuid(StateWriter writer, Guid value)
    {
        value.TryWriteBytes(writer.GetSpan(16));
        writer.Advance(16);
    }

    // Ticks and Kind in one long, as DateTime keeps them, so Local and Unspecified values come back unchanged.
    private static long PackDateTime(DateTime value) => value.Ticks | ((long)value.Kind << 62);

    private static DateTime ReadDateTime(ref StateReader reader)
    {
        var packed = reader.ReadInt64();
        try
        {
            return new DateTime(packed & TicksMask, (DateTimeKind)((ulong)packed >> 62));
        }
        catch (ArgumentException e)
        {
            throw Invalid<DateTime>(reader.Position - sizeof(long), e);
        }
    }

    private static void WriteDateTimeOffset(StateWriter writer, DateTimeOffset value)
    {
        writer.WriteInt64(value.Ticks);
        writer.WriteInt16((short)value.TotalOffsetMinutes);
    }

    private static DateTimeOffset ReadDateTimeOffset(ref StateReader reader)
    {
        var ticks = reader.ReadInt64();
        var minutes = reader.ReadInt16();
        try
        {
            return new DateTimeOffset(ticks, TimeSpan.FromMinutes(minutes));
        }
        catch (ArgumentException e)
        {
            throw Invalid<DateTimeOffset>(reader.Position - sizeof(long) - sizeof(short), e);
        }
    }

    private static void WriteByteArray(StateWriter writer, byte[]? value)
    {
        writer.WriteVarInt64(value?.Length ?? -1);
        writer.WriteBytes(value);
    }

    private static byte[]? ReadByteArray(ref StateReader reader)
    {
        var length = reader.ReadLength(allowNull: true);
        return length < 0 ? null : reader.ReadBytes(length).ToArray();
    }

    private static StateSerializationException Invalid<T>(int offset, ArgumentException e) =>
        new(string.Create(CultureInfo.InvariantCulture, $"corrupt state: the bytes at offset {offset} are not a valid {typeof(T).Name}: {e.Message}"), typeof(T), null, e);

    private static Unit ReadUnit(ref StateReader reader)
    {
        reader.ReadByte();
        return Unit.Default;
    }
}
