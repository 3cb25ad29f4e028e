namespace RxStreams.Tests.Process;

/// <summary>A keyed process function with no state, for tests of what fails before any state is declared.</summary>
internal sealed class LambdaProcessOf<TKey> : KeyedProcessFunction<TKey, TKey, string>
    where TKey : notnull
{
    public override void ProcessElement(TKey value, KeyedProcessContext<TKey, string> context)
    {
    }
}
