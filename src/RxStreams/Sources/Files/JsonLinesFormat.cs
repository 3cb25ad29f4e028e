using System;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace RxStreams.Ingestion;

/// <summary>JSON lines: each line one JSON value, deserialized by System.Text.Json from its UTF-8 bytes.</summary>
internal sealed class JsonLinesFormat<T>(JsonTypeInfo<T> typeInfo) : LineFormat<T>
{
    public override string UserCode => "deserialization";

    public override T Decode(ReadOnlySpan<byte> line)
    {
        T? value;
        try
        {
            value = JsonSerializer.Deserialize(line, typeInfo);
        }
        catch (JsonException ex)
        {
            throw new MalformedLineException($"invalid JSON: {ex.Message}", ex);
        }

        return value is null ? throw new MalformedLineException($"the line is JSON null, not a {typeof(T).Name}") : value;
    }
}
