namespace RxStreams.Joins;

/// <summary>A record of either side of a two-input join, so both sides travel one unioned, keyed stream.</summary>
internal readonly struct JoinInput<TLeft, TRight> : ITaggedRecord
{
    private JoinInput(bool isLeft, TLeft left, TRight right)
    {
        IsLeft = isLeft;
        Left = left;
        Right = right;
    }

    public bool IsLeft { get; }

    public TLeft Left { get; }

    public TRight Right { get; }

    object? ITaggedRecord.Record => IsLeft ? Left : Right;

    public static JoinInput<TLeft, TRight> OfLeft(TLeft value) => new(true, value, default!);

    public static JoinInput<TLeft, TRight> OfRight(TRight value) => new(false, default!, value);

    public override string ToString() => IsLeft ? $"L:{Left}" : $"R:{Right}";
}

/// <summary>A record of one of several inputs, tagged with its input; errors and dead letters report the record itself.</summary>
internal interface ITaggedRecord
{
    object? Record { get; }
}
