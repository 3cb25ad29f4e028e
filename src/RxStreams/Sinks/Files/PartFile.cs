using System;
using System.IO;

namespace RxStreams.Sinks;

/// <summary>One open part file.</summary>
internal sealed class PartFile(string name, string path, FileStream stream, DateTimeOffset opened)
{
    /// <summary>Its final name, without the directory.</summary>
    public string Name { get; } = name;

    /// <summary>Where it is written now (hidden while in progress for exactly-once).</summary>
    public string Path { get; } = path;

    public FileStream Stream { get; } = stream;

    public DateTimeOffset Opened { get; } = opened;

    /// <summary>Bytes written to the file so far (not counting the buffer).</summary>
    public long Bytes { get; set; }
}
