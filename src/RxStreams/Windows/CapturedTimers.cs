namespace RxStreams.Windows;

/// <summary>The timers of one time pending at a checkpoint's barrier: a run of an array the timer queue no longer changes.</summary>
/// <typeparam name="TItem">What a timer carries.</typeparam>
/// <param name="Time">Their time.</param>
/// <param name="Items">The bucket's array.</param>
/// <param name="From">The first pending timer.</param>
/// <param name="To">One past the last.</param>
internal readonly record struct CapturedTimers<TItem>(long Time, TItem[] Items, int From, int To);
