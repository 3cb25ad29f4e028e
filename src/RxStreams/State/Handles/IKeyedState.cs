namespace RxStreams;

/// <summary>
/// A state of a keyed process function, scoped to the key of the record or timer being processed (Flink's <c>State</c>).
/// Valid only inside the function's callbacks.
/// </summary>
public interface IKeyedState
{
    /// <summary>The state's name from its descriptor.</summary>
    string Name { get; }

    /// <summary>Frees the current key's state.</summary>
    void Clear();
}
