using System;

namespace RxStreams.State;

/// <summary>
/// Raised inside serializer resolution when a type, possibly deep inside a composite, has no serializer; the public
/// entry points turn it into a <see cref="StateSerializationException"/> that names the outer type and the place.
/// </summary>
internal sealed class UnsupportedStateTypeException(Type type, string reason) : Exception(reason)
{
    public Type UnsupportedType { get; } = type;
}
