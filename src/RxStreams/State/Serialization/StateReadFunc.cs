namespace RxStreams.State;

/// <summary>Reads one value of <typeparamref name="T"/>; the reader half of a delegate-built serializer.</summary>
/// <typeparam name="T">The value type.</typeparam>
/// <param name="reader">Where to read; advanced past the value.</param>
internal delegate T StateReadFunc<T>(ref StateReader reader);
