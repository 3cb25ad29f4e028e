using System;

namespace RxStreams.Ingestion;

/// <summary>A source whose reader a function opens for each subscription (the in-process sources).</summary>
internal sealed class InProcessReaderSource<T>(Func<SourceReader<T>> open, string name, SourceOptions? options) : ReplayableSource<T>(name, options)
{
    protected internal override SourceReader<T> OpenReader() => open();
}
