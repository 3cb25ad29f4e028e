using System;
using RxStreams;

/// <summary>Adds one result to a checksum; a static interface method, so that the sinks inline it.</summary>
internal interface IChecksummer<T>
{
    static abstract void Add(ref Checksum checksum, T value);
}

/// <summary>
/// The end of an RxStreams pipeline in a benchmark: checksums the records, counts the watermarks. It takes the output in
/// batches when the pipeline hands them over (as Trill's sinks read its output batches).
/// </summary>
internal sealed class StreamSink<T, TAdd> : IBatchObserver<StreamElement<T>>
    where TAdd : IChecksummer<T>
{
    private Checksum _checksum;
    private bool _completed;

    public Checksum Checksum => _completed ? _checksum : throw new InvalidOperationException("The pipeline did not complete.");

    public long Watermarks { get; private set; }

    public void OnNext(StreamElement<T> value)
    {
        if (value.Kind == ElementKind.Record)
        {
            TAdd.Add(ref _checksum, value.Value);
        }
        else if (value.Kind == ElementKind.Watermark)
        {
            Watermarks++;
        }
    }

    public void OnNextBatch(ReadOnlySpan<StreamElement<T>> values)
    {
        foreach (ref readonly var value in values)
        {
            OnNext(value);
        }
    }

    public void OnError(Exception error) => throw new InvalidOperationException("The pipeline failed.", error);

    public void OnCompleted() => _completed = true;
}

/// <summary>The end of a plain Rx pipeline in a benchmark: checksums the values.</summary>
internal sealed class PlainSink<T, TAdd> : IObserver<T>
    where TAdd : IChecksummer<T>
{
    private Checksum _checksum;
    private bool _completed;

    public Checksum Checksum => _completed ? _checksum : throw new InvalidOperationException("The pipeline did not complete.");

    public void OnNext(T value) => TAdd.Add(ref _checksum, value);

    public void OnError(Exception error) => throw new InvalidOperationException("The pipeline failed.", error);

    public void OnCompleted() => _completed = true;
}

/// <summary>Input for the "pre-stamped" variants: records as <c>StreamElement</c>s with a watermark every so often.</summary>
internal static class Prestamped
{
    /// <summary>
    /// The records with a bounded-out-of-orderness watermark (max timestamp so far − <paramref name="disorder"/>, never
    /// going back) after every <paramref name="every"/> records; an unchanged watermark is still emitted, so the array
    /// has a fixed length.
    /// </summary>
    public static StreamElement<T>[] Stamp<T>(T[] records, Func<T, long> timestampOf, long disorder, int every)
    {
        var n = records.Length;
        var elements = new StreamElement<T>[n + (n / every)];
        var j = 0;
        var max = long.MinValue;
        var watermark = long.MinValue;
        for (var i = 0; i < n; i++)
        {
            var timestamp = timestampOf(records[i]);
            elements[j++] = StreamElement.Record(records[i], timestamp);
            max = Math.Max(max, timestamp);
            if ((i + 1) % every == 0)
            {
                watermark = Math.Max(watermark, max - disorder);
                elements[j++] = StreamElement.Watermark<T>(watermark);
            }
        }

        return elements;
    }
}
