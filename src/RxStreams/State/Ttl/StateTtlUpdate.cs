namespace RxStreams;

/// <summary>Which accesses restart a state's time to live (Flink's <c>StateTtlConfig.UpdateType</c>).</summary>
public enum StateTtlUpdate
{
    /// <summary>Creating or writing the state restarts it.</summary>
    OnCreateAndWrite = 0,

    /// <summary>Reading it restarts it as well.</summary>
    OnReadAndWrite = 1,
}
