using System;
using System.Buffers;

namespace RxStreams.Sinks;

/// <summary>CSV: a header line per part file, a line per record (see <see cref="FileFormats.Csv{T}"/>).</summary>
internal sealed class CsvFormat<T>(string[] header, Action<T, CsvRow> row) : FileFormat<T>
{
    public override string Extension => ".csv";

    public override RecordEncoder<T> CreateEncoder() => new Encoder(header, row);

    private sealed class Encoder(string[] header, Action<T, CsvRow> row) : RecordEncoder<T>
    {
        private readonly CsvRow _row = new();

        public override void WriteHeader(IBufferWriter<byte> output)
        {
            _row.Begin(output);
            foreach (var column in header)
            {
                _row.Add(column);
            }

            _row.End();
        }

        public override void Encode(T record, IBufferWriter<byte> output)
        {
            _row.Begin(output);
            row(record, _row);
            _row.End();
        }
    }
}
