using System.Collections.Generic;

namespace RxStreams;

/// <summary>One operator of an explained pipeline.</summary>
/// <param name="Id">Its node id in the dataflow graph (<c>DescribeGraph</c>).</param>
/// <param name="Name">Its operator name, as in the graph.</param>
/// <param name="Uid">The id given with <c>Uid(...)</c>, which names it in the report; null when none.</param>
/// <param name="Watermark">
/// Its current watermark: its own for the operators that keep one (<c>WithEventTime</c>, <c>Union</c>, windows), else
/// the minimum of its inputs' (an operator that passes watermarks on); null when not running or not in event time.
/// </param>
/// <param name="Inputs">Its inputs, with the one that holds its watermark back marked.</param>
/// <param name="Source">For a <c>WithEventTime</c>: its records and watermark strategy; else null.</param>
/// <param name="Windows">For a window operator: its windows that hold state, earliest end first; else empty.</param>
public sealed record OperatorExplanation(
    int Id, string Name, string? Uid, long? Watermark, IReadOnlyList<InputExplanation> Inputs, SourceExplanation? Source, IReadOnlyList<WaitingWindow> Windows)
{
    /// <summary>How the report names it: <c>WithEventTime "sensor-b"</c> with a uid, <c>Union #3</c> without.</summary>
    public string Label => Uid is null ? $"{Name} #{Id}" : $"{Name} \"{Uid}\"";
}
