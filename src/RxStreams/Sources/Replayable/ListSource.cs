using System.Collections.Generic;
using RxStreams.State;

namespace RxStreams.Ingestion;

/// <summary>An in-memory log read by index.</summary>
internal sealed class ListSource<T>(IReadOnlyList<T> records, string name, SourceOptions? options) : ReplayableSource<T>(name, options)
{
    protected internal override SourceReader<T> OpenReader() => new Reader(records);

    private sealed class Reader(IReadOnlyList<T> records) : SourceReader<T>
    {
        private int _next;

        public override bool IsFinished => _next >= records.Count;

        public override bool TryRead(out T value)
        {
            if (_next < records.Count)
            {
                value = records[_next++];
                return true;
            }

            value = default!;
            return false;
        }

        public override void WritePosition(StateWriter writer) => writer.WriteVarInt64(_next);

        public override void Seek(ref StateReader reader)
        {
            var position = reader.ReadVarInt64();
            if (position < 0 || position > records.Count)
            {
                throw new Checkpoints.CheckpointRestoreException(
                    $"The checkpoint's position {position} is outside the log of {records.Count} records.");
            }

            _next = (int)position;
        }
    }
}
