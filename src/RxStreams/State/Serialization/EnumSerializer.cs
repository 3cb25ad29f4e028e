using System;
using System.Runtime.CompilerServices;

namespace RxStreams.State;

/// <summary>An enum as its underlying integer, zig-zag varint (flag values of any width round-trip bit for bit).</summary>
/// <typeparam name="TEnum">The enum type.</typeparam>
internal sealed class EnumSerializer<TEnum> : IStateSerializer<TEnum>
    where TEnum : struct, Enum
{
    private static readonly TypeCode Underlying = Type.GetTypeCode(Enum.GetUnderlyingType(typeof(TEnum)));

    public string Id { get; } = "enum<" + Underlying switch
    {
        TypeCode.SByte => "i8",
        TypeCode.Byte => "u8",
        TypeCode.Int16 => "i16",
        TypeCode.UInt16 => "u16",
        TypeCode.Int32 => "i32",
        TypeCode.UInt32 => "u32",
        TypeCode.Int64 => "i64",
        _ => "u64",
    } + ">";

    public int Version => 1;

    public void Write(StateWriter writer, TEnum value)
    {
        long bits = Underlying switch
        {
            TypeCode.SByte => Unsafe.As<TEnum, sbyte>(ref value),
            TypeCode.Byte => Unsafe.As<TEnum, byte>(ref value),
            TypeCode.Int16 => Unsafe.As<TEnum, short>(ref value),
            TypeCode.UInt16 => Unsafe.As<TEnum, ushort>(ref value),
            TypeCode.Int32 => Unsafe.As<TEnum, int>(ref value),
            TypeCode.UInt32 => Unsafe.As<TEnum, uint>(ref value),
            _ => Unsafe.As<TEnum, long>(ref value),
        };
        writer.WriteVarInt64(bits);
    }

    public TEnum Read(ref StateReader reader)
    {
        var bits = reader.ReadVarInt64();
        var value = default(TEnum);
        switch (Unsafe.SizeOf<TEnum>())
        {
            case 1:
                Unsafe.As<TEnum, byte>(ref value) = (byte)bits;
                break;
            case 2:
                Unsafe.As<TEnum, short>(ref value) = (short)bits;
                break;
            case 4:
                Unsafe.As<TEnum, int>(ref value) = (int)bits;
                break;
            default:
                Unsafe.As<TEnum, long>(ref value) = bits;
                break;
        }

        return value;
    }
}
