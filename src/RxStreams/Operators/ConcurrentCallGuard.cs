namespace RxStreams.Operators;

/// <summary>
/// Notices overlapping <c>OnNext</c> calls at a pipeline's entry, as cheaply as possible: two plain field writes per
/// call, no interlocked instruction. Best-effort (see <see cref="ConcurrentOnNextException"/>): a mutable struct, kept in
/// a field of the sink.
/// </summary>
internal struct ConcurrentCallGuard
{
    private bool _inside;
    private bool _overlapped;

    /// <summary>False (and the overlap is remembered) when another call is in progress.</summary>
    public bool TryEnter()
    {
        if (_inside)
        {
            _overlapped = true;
            return false;
        }

        _inside = true;
        return true;
    }

    /// <summary>Ends the call; true when another call overlapped it (or an earlier one).</summary>
    public bool Exit()
    {
        _inside = false;
        return _overlapped;
    }
}
