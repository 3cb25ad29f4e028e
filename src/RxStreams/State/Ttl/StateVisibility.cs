namespace RxStreams;

/// <summary>Whether expired state that was not yet freed can still be read (Flink's <c>StateTtlConfig.StateVisibility</c>).</summary>
public enum StateVisibility
{
    /// <summary>Expired state reads as absent.</summary>
    NeverReturnExpired = 0,

    /// <summary>Expired state is returned once if it is still there, then freed.</summary>
    ReturnExpiredIfNotCleanedUp = 1,
}
