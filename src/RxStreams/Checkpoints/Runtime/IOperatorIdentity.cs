namespace RxStreams.Checkpoints;

/// <summary>An operator that <c>.Uid(...)</c> can name.</summary>
internal interface IOperatorIdentity
{
    /// <summary>The operator's name, as in errors.</summary>
    string Name { get; }

    /// <summary>The stable id of its state in checkpoints; null derives one.</summary>
    string? Uid { get; set; }
}
