namespace RxStreams.Joins;

/// <summary>A record of either side of a two-input join, so both sides travel one unioned, keyed stream.</summary>
internal readonly struct JoinInput<TLeft, TRight>
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

    public static JoinInput<TLeft, TRight> OfLeft(TLeft value) => new(true, value, default!);

    public static JoinInput<TLeft, TRight> OfRight(TRight value) => new(false, default!, value);

    public override string ToString() => IsLeft ? $"L:{Left}" : $"R:{Right}";
}
