using System.Collections.Generic;
using RxStreams.State;
using RxStreams.Windows.Triggers;

namespace RxStreams.Windows;

/// <summary>The parts of a window operator's state that a checkpoint holds, as the operator lays them out in memory.</summary>
internal readonly record struct WindowState<TKey, TState>(
    WindowTable<TKey, TState> Windows,
    WindowTable<TKey, TState>? Panes,
    Dictionary<TKey, List<TimeWindow>>? Sessions,
    WindowTimers<TKey> EventTimers,
    WindowTimers<TKey> ProcessingTimers,
    TriggerStates<TKey>? TriggerStates = null,
    KeyedStateBackend<TKey>? FunctionState = null)
    where TKey : notnull;
