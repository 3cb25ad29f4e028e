namespace RxStreams.State;

/// <summary>
/// Turns values of <typeparamref name="T"/> into bytes and back, for checkpoints. Implementations are stateless and
/// thread-safe; <see cref="Id"/> and <see cref="Version"/> are stored with the state so a restore can check that it
/// reads the format it was written in.
/// </summary>
/// <typeparam name="T">The state type.</typeparam>
public interface IStateSerializer<T>
{
    /// <summary>A stable name of the byte format, for example <c>i64</c>, <c>list&lt;string&gt;</c> or <c>memorypack:Shop.Order</c>.</summary>
    string Id { get; }

    /// <summary>The version of the format; bump it when the layout changes.</summary>
    int Version { get; }

    /// <summary>
    /// Appends <paramref name="value"/> to <paramref name="writer"/>: at least one byte, since collections refuse an
    /// element count larger than the bytes left as corrupt.
    /// </summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="value">The value.</param>
    void Write(StateWriter writer, T value);

    /// <summary>Reads one value that <see cref="Write"/> wrote; damaged bytes throw <see cref="StateSerializationException"/>.</summary>
    /// <param name="reader">Where to read; advanced past the value.</param>
    T Read(ref StateReader reader);
}
