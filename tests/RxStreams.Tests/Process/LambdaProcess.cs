namespace RxStreams.Tests.Process;

/// <summary>A keyed process function written inline: declare states in <c>open</c>, handle records in <c>process</c>.</summary>
internal sealed class LambdaProcess<TState>(
    Func<RuntimeContext, TState> open,
    Action<TState, string, KeyedProcessContext<string, string>> process,
    Action<TState, long, KeyedProcessContext<string, string>>? onTimer = null) : KeyedProcessFunction<string, string, string>
{
    private TState _state = default!;

    public override void Open(RuntimeContext context) => _state = open(context);

    public override void ProcessElement(string value, KeyedProcessContext<string, string> context) => process(_state, value, context);

    public override void OnTimer(long timestamp, KeyedProcessContext<string, string> context) => onTimer?.Invoke(_state, timestamp, context);
}
