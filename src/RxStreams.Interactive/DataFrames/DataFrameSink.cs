using System;
using System.Collections.Generic;
using Microsoft.Data.Analysis;
using RxStreams.Sinks;

namespace RxStreams.Interactive.DataFrames;

/// <summary>
/// Collects a pipeline's records in memory for a notebook: <see cref="ToDataFrame"/> gives them as a
/// <see cref="DataFrame"/> (one column per public property or field, as <see cref="DataFrameExtensions.ToDataFrame{T}(IEnumerable{T})"/>),
/// at any moment while the pipeline runs. <see cref="SinkGuarantee.AtLeastOnce"/>: a restarted job adds the records
/// after its last checkpoint again. Parallel writers add to the same rows, each batch in one piece.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class DataFrameSink<T> : Sink<T>
{
    private readonly List<T> _rows = [];
    private readonly object _gate = new();

    /// <summary>Creates the sink.</summary>
    /// <param name="options">Batching; null for <see cref="SinkOptions.Default"/>.</param>
    public DataFrameSink(SinkOptions? options = null)
        : base("DataFrameSink", options)
    {
    }

    /// <inheritdoc />
    public override SinkGuarantee Guarantee => SinkGuarantee.AtLeastOnce;

    /// <summary>How many rows were collected so far.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _rows.Count;
            }
        }
    }

    /// <summary>The rows collected so far, as a new <see cref="DataFrame"/>.</summary>
    public DataFrame ToDataFrame()
    {
        T[] rows;
        lock (_gate)
        {
            rows = [.. _rows];
        }

        return rows.ToDataFrame();
    }

    /// <summary>Forgets the rows collected so far.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rows.Clear();
        }
    }

    /// <inheritdoc />
    protected override SinkWriter<T> CreateWriter(SinkContext context) => new RowWriter(context, this);

    private sealed class RowWriter(SinkContext context, DataFrameSink<T> sink) : SinkWriter<T>(context)
    {
        protected override void Write(ReadOnlySpan<T> batch)
        {
            lock (sink._gate)
            {
                sink._rows.AddRange(batch);
            }
        }
    }
}
