using System;

namespace RxStreams.State;

/// <summary>
/// State could not be serialized or read back: a type has no serializer, or the bytes are truncated or corrupt.
/// The message says what went wrong, for which type and where.
/// </summary>
public sealed class StateSerializationException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">What went wrong, where and how to fix it.</param>
    /// <param name="type">The CLR type concerned, when known.</param>
    /// <param name="where">The place concerned (for example <c>state 'count' of operator 'Process#1'</c>), when known.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public StateSerializationException(string message, Type? type = null, string? where = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Type = type;
        Where = where;
    }

    /// <summary>The CLR type whose state failed, or null when the failure is about raw bytes.</summary>
    public Type? Type { get; }

    /// <summary>The place the state belongs to, or null when not known.</summary>
    public string? Where { get; }
}
