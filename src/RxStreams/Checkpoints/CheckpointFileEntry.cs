namespace RxStreams.Checkpoints;

/// <summary>One file of a checkpoint as its <c>_metadata</c> records it: name, length and XxHash64 of the content.</summary>
internal readonly record struct CheckpointFileEntry(string Name, long Length, ulong Checksum);
