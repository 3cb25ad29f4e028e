namespace RxStreams.Operators;

/// <summary>
/// An operator whose state (a count, a set of seen values, a buffer, an accumulator) checkpoints do not capture: a
/// checkpointed job refuses it at start, as it refuses a plain Rx operator, since a restart would lose that state.
/// </summary>
internal interface IUncheckpointedState
{
}
