using RxStreams.Joins;

namespace RxStreams.Processing;

/// <summary>Runs a co-process function as a process function over the two inputs tagged into one stream.</summary>
internal sealed class CoProcessAdapter<T1, T2, TOut>(CoProcessFunction<T1, T2, TOut> function) : ProcessFunction<JoinInput<T1, T2>, TOut>
{
    public override void Open(RuntimeContext context) => function.Open(context);

    public override void ProcessElement(JoinInput<T1, T2> value, ProcessContext<TOut> context)
    {
        if (value.IsLeft)
        {
            function.ProcessElement1(value.Left, context);
        }
        else
        {
            function.ProcessElement2(value.Right, context);
        }
    }
}

/// <summary>Runs a keyed co-process function as a keyed process function over the two inputs tagged into one keyed stream.</summary>
internal sealed class KeyedCoProcessAdapter<TKey, T1, T2, TOut>(KeyedCoProcessFunction<TKey, T1, T2, TOut> function)
    : KeyedProcessFunction<TKey, JoinInput<T1, T2>, TOut>
{
    public override void Open(RuntimeContext context) => function.Open(context);

    public override void ProcessElement(JoinInput<T1, T2> value, KeyedProcessContext<TKey, TOut> context)
    {
        if (value.IsLeft)
        {
            function.ProcessElement1(value.Left, context);
        }
        else
        {
            function.ProcessElement2(value.Right, context);
        }
    }

    public override void OnTimer(long timestamp, KeyedProcessContext<TKey, TOut> context) => function.OnTimer(timestamp, context);
}
