using System.Buffers;
using System.Text.Json;

namespace RxStreams.Sinks;

/// <summary>JSON lines: a record per line, serialized by System.Text.Json (see <see cref="FileFormats.JsonLines{T}"/>).</summary>
internal sealed class JsonLinesFormat<T>(JsonSerializerOptions? options) : FileFormat<T>
{
    public override string Extension => ".jsonl";

    public override RecordEncoder<T> CreateEncoder() => new Encoder(options);

    // Utf8JsonWriter over a buffer writer holds no unmanaged resource: nothing to dispose.
#pragma warning disable CA1001
    private sealed class Encoder(JsonSerializerOptions? options) : RecordEncoder<T>
    {
        private Utf8JsonWriter? _json;

        public override void Encode(T record, IBufferWriter<byte> output)
        {
            // One writer reused: Reset points it at the buffer and forgets the previous top-level value.
            if (_json is null)
            {
                _json = new Utf8JsonWriter(output);
            }
            else
            {
                _json.Reset(output);
            }

            JsonSerializer.Serialize(_json, record, options);
            _json.Flush();
            output.GetSpan(1)[0] = (byte)'\n';
            output.Advance(1);
        }
    }
#pragma warning restore CA1001
}
