using System.Text.Json;
using System.Text.Json.Serialization;
using RxStreams.Tests.Checkpoints.Storage;
using static RxStreams.Tests.Ingestion.Files.FileSourceTestSupport;

namespace RxStreams.Tests.Ingestion.Files;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Reading))]
[JsonSerializable(typeof(StrictReading))]
internal sealed partial class ReadingJsonContext : JsonSerializerContext;

/// <summary>A reading whose members must all be in the line.</summary>
public sealed class StrictReading
{
    public required string Sensor { get; init; }

    public required long Time { get; init; }
}

public class JsonLinesFileSourceTest
{
    [Fact]
    public void ReadsOneValuePerLineWithSourceGeneratedMetadata()
    {
        using var dir = new TempDirectory();
        var path = Write(dir["r.jsonl"], "\uFEFF{\"sensor\":\"s1\",\"time\":1,\"value\":0.5}\r\n{\"sensor\":\"s\\u00e9\",\"time\":2,\"value\":-3}\n{\"sensor\":\"s3\",\"time\":3,\"value\":1e2}");

        var (items, error) = ReadAll(FileSource.JsonLines(path, ReadingJsonContext.Default.Reading));

        Assert.Null(error);
        Assert.Equal(["s1@1=0.5", "sé@2=-3", "s3@3=100"], items.Select(r => r.ToString()));
    }

    [Fact]
    public void TheReflectionOverloadUsesTheWebDefaults()
    {
        using var dir = new TempDirectory();
        var path = Write(dir["r.jsonl"], "{\"Sensor\":\"a\",\"time\":1,\"VALUE\":2}\n");

        var (items, error) = ReadAll(FileSource.JsonLines<Reading>(path));

        Assert.Null(error);
        Assert.Equal(["a@1=2"], items.Select(r => r.ToString()));
    }

    [Theory]
    [InlineData("{\"sensor\":\"b\",\"time\":2,", "invalid JSON: Expected start of a property name or value, but instead reached end of data. Path: $ | LineNumber: 0 | BytePositionInLine: 22.")]
    [InlineData("null", "the line is JSON null, not a Reading")]
    [InlineData("", "invalid JSON: The input does not contain any JSON tokens. Expected the input to start with a valid JSON token, when isFinalBlock is true. Path: $ | LineNumber: 0 | BytePositionInLine: 0.")]
    [InlineData("{\"sensor\":\"b\",\"time\":\"two\",\"value\":1}", "invalid JSON: The JSON value could not be converted to RxStreams.Tests.Ingestion.Files.Reading. Path: $.time | LineNumber: 0 | BytePositionInLine: 26.")]
    public void ABadLineFailsTheSourceNamingTheFileLineByteOffsetAndRawText(string line, string reason)
    {
        using var dir = new TempDirectory();
        var first = "{\"sensor\":\"a\",\"time\":1,\"value\":1}\n";
        var path = Write(dir["bad.jsonl"], first + line + "\n{\"sensor\":\"c\",\"time\":3,\"value\":3}\n");

        var (items, error) = ReadAll(FileSource.JsonLines(path, ReadingJsonContext.Default.Reading));

        Assert.Equal(["a@1=1"], items.Select(r => r.ToString()));
        var bad = FileError(error);
        Assert.Equal((path, 2L, (long)first.Length, line), (bad.Path, bad.LineNumber, bad.ByteOffset, bad.RawText));
        Assert.Equal(reason, bad.Reason);
        if (reason.StartsWith("invalid", StringComparison.Ordinal))
        {
            Assert.IsType<JsonException>(bad.InnerException);
        }
    }

    [Fact]
    public void AMissingPropertyIsABadLineWhenTheMemberIsRequired()
    {
        using var dir = new TempDirectory();
        var path = Write(dir["r.jsonl"], "{\"sensor\":\"a\",\"time\":1}\n{\"sensor\":\"b\"}\n");

        var (items, error) = ReadAll(FileSource.JsonLines(path, ReadingJsonContext.Default.StrictReading));

        Assert.Equal(["a"], items.Select(r => r.Sensor));
        var bad = FileError(error);
        Assert.Equal((2L, 24L, "{\"sensor\":\"b\"}"), (bad.LineNumber, bad.ByteOffset, bad.RawText));
        Assert.Equal(
            "invalid JSON: JSON deserialization for type 'RxStreams.Tests.Ingestion.Files.StrictReading' was missing required properties including: 'time'.",
            bad.Reason);
    }

    [Fact]
    public void WithDeadLettersBadLinesGoThereAndTheSourceGoesOn()
    {
        using var dir = new TempDirectory();
        var good = "{\"sensor\":\"a\",\"time\":1,\"value\":1}\n";
        var path = Write(dir["bad.jsonl"], good + "[1,2]\n" + good.Replace("\"a\"", "\"c\"", StringComparison.Ordinal).Replace('1', '3') + "{oops\n");
        var deadLetters = new DeadLetters();
        var letters = new List<DeadLetter>();
        deadLetters.Subscribe(letters.Add);

        var (items, error) = ReadAll(FileSource.JsonLines(path, ReadingJsonContext.Default.Reading, new FileSourceOptions { DeadLetters = deadLetters, Name = "json" }));

        Assert.Null(error);
        Assert.Equal(["a@1=1", "c@3=3"], items.Select(r => r.ToString()));
        Assert.Equal([new FileLine(path, 2, good.Length, "[1,2]"), new FileLine(path, 4, (2 * good.Length) + 6, "{oops")], letters.Select(l => (FileLine)l.Record!));
        Assert.All(letters, l => Assert.Equal("json", l.Operator));
        Assert.Equal(
            [
                "invalid JSON: The JSON value could not be converted to RxStreams.Tests.Ingestion.Files.Reading. Path: $ | LineNumber: 0 | BytePositionInLine: 1.",
                "invalid JSON: 'o' is an invalid start of a property name. Expected a '\"'. Path: $ | LineNumber: 0 | BytePositionInLine: 1.",
            ],
            letters.Select(l => ((FileSourceException)l.Error).Reason));
    }
}
