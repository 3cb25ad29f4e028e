using System;

namespace RxStreams.Processing;

/// <summary>Creating and opening a process function for a subscription, with failures that name the operator.</summary>
internal static class ProcessFunctions
{
    public static TFunction Create<TFunction>(Func<TFunction> factory, string operatorName)
        where TFunction : class
    {
        TFunction? function;
        try
        {
            function = factory();
        }
        catch (Exception ex)
        {
            throw new StreamOperatorException(operatorName, null, null, $"The function factory of '{operatorName}' failed: {ex.Message}", ex);
        }

        return function ?? throw new StreamOperatorException(operatorName, null, null, $"The function factory of '{operatorName}' returned null.", null);
    }

    public static void Open(string operatorName, Action open)
    {
        try
        {
            open();
        }
        // A state type without a serializer keeps its own typed error, which names the state and the operator.
        catch (Exception ex) when (ex is not (StreamOperatorException or State.StateSerializationException))
        {
            throw new StreamOperatorException(operatorName, null, null, $"Opening '{operatorName}' failed: {ex.Message}", ex);
        }
    }
}
