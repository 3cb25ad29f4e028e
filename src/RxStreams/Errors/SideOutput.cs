using System;
using System.Reactive.Subjects;
using System.Threading;

namespace RxStreams;

/// <summary>
/// A named secondary output of one or more operators, like Flink's <c>OutputTag</c>: late records, dead letters.
/// It is hot: subscribe before the pipeline starts. Every item is counted in <see cref="Count"/> whether or not anyone
/// is subscribed, so nothing leaves a pipeline without trace. Safe to share between operators and between the tasks of
/// a parallel pipeline: emission is serialized, so a subscriber never sees overlapping <c>OnNext</c> calls (Rx's contract).
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The subject holds no unmanaged resource; a side output lives as long as its pipeline.")]
public class SideOutput<T> : IObservable<T>
{
    private readonly Subject<T> _subject = new();
    private readonly object _gate = new();
    private long _count;

    /// <summary>Creates a side output.</summary>
    /// <param name="name">A name for diagnostics, for example <c>late-readings</c>.</param>
    public SideOutput(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
    }

    /// <summary>The name given at creation.</summary>
    public string Name { get; }

    /// <summary>How many items were emitted to this output so far.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <inheritdoc />
    public IDisposable Subscribe(IObserver<T> observer) => _subject.Subscribe(observer);

    /// <summary>Emits an item to the subscribers and counts it.</summary>
    /// <param name="item">The item.</param>
    /// <remarks>
    /// Emission holds a lock, uncontended unless tasks share the output; items are not on the records' hot path (they
    /// are late or failed records), so the lock is taken always rather than guessing whether the output is shared.
    /// </remarks>
    internal void Emit(T item)
    {
        lock (_gate)
        {
            Interlocked.Increment(ref _count);
            _subject.OnNext(item);
        }
    }

    /// <summary>
    /// Emits an item from a user function (<c>ctx.output(tag, value)</c>): a subscriber's exception is not the function's,
    /// so it is carried past the operator's handling of user-code failures as a <see cref="Processing.DownstreamFailure"/>.
    /// </summary>
    /// <param name="item">The item.</param>
    internal void EmitFromFunction(T item)
    {
        try
        {
            Emit(item);
        }
        catch (Exception ex) when (ex is not Processing.DownstreamFailure)
        {
            throw new Processing.DownstreamFailure(ex);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Count})";
}
