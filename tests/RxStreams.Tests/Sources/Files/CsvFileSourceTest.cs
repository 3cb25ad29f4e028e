using System.IO;
using RxStreams.Tests.Checkpoints.Storage;
using static RxStreams.Tests.Ingestion.Files.FileSourceTestSupport;

namespace RxStreams.Tests.Ingestion.Files;

public class CsvFileSourceTest
{
    [Fact]
    public void ReadsQuotedFieldsDoubledQuotesCrlfAHeaderAndAByteOrderMarkAndALastLineWithoutItsLineBreak()
    {
        using var dir = new TempDirectory();
        var path = Write(dir["readings.csv"], "\uFEFFsensor,time,value\r\n\"s,1\",1,0.5\r\n\"say \"\"hi\"\"\",2,-1e3\ns3,3,7");

        var (items, error) = ReadAll(FileSource.Csv(path, MapReading, new CsvOptions { HasHeader = true }));

        Assert.Null(error);
        Assert.Equal(["s,1@1=0.5", "say \"hi\"@2=-1000", "s3@3=7"], items.Select(r => r.ToString()));
    }

    [Fact]
    public void TheRowReadsEveryFieldTypeInPlaceEmptyFieldsAndATrailingDelimiter()
    {
        using var dir = new TempDirectory();
        var path = Write(dir["types.csv"], "-42;2147483647;12.25;TRUE;0e7a62f5-6d0f-4a5e-9f4a-3f1c2b7e9d10;\"\";x;\n");
        var (items, error) = ReadAll(FileSource.Csv(
            path,
            row => string.Join(
                "|",
                row.FieldCount,
                row.GetInt64(0),
                row.GetInt32(1),
                row.GetDecimal(2),
                row.GetBoolean(3),
                row.Get<Guid>(4),
                row.IsEmpty(5),
                row.GetString(6),
                row.IsEmpty(7),
                row.GetUtf8(6).Length),
            new CsvOptions { Delimiter = ';' }));

        Assert.Null(error);
        Assert.Equal(["8|-42|2147483647|12.25|True|0e7a62f5-6d0f-4a5e-9f4a-3f1c2b7e9d10|True|x|True|1"], items);
    }

    [Theory]
    [InlineData("a,1,2\n\"b,2,3\nc,3,4\n", 2, 6, "\"b,2,3", "unbalanced quote: field 0, opened at column 1, is not closed")]
    [InlineData("a,1,2\nb,2\n", 2, 6, "b,2", "2 fields where the header has 3")]
    [InlineData("a,1,2\nb,x2,3\n", 2, 6, "b,x2,3", "field 1 (\"x2\") is not a valid Int64")]
    [InlineData("a,1,2\n\"b\"c,2,3\n", 2, 6, "\"b\"c,2,3", "text after the closing quote of field 0 (at column 4)")]
    [InlineData("a,1,2\nb\"c,2,3\n", 2, 6, "b\"c,2,3", "a quote inside unquoted field 0 (at column 2)")]
    [InlineData("a,1,2\r\nb,2,3.5.1\r\n", 2, 7, "b,2,3.5.1", "field 2 (\"3.5.1\") is not a valid Double")]
    public void AMalformedLineFailsTheSourceNamingTheFileLineByteOffsetAndRawText(string body, long line, long offset, string raw, string reason)
    {
        using var dir = new TempDirectory();
        var header = "sensor,time,value\n";
        var path = Write(dir["bad.csv"], header + body);

        var (items, error) = ReadAll(FileSource.Csv(path, MapReading, new CsvOptions { HasHeader = true, Name = "readings" }));

        Assert.Equal(["a@1=2"], items.Select(r => r.ToString()));
        var wrapper = Assert.IsType<StreamOperatorException>(error);
        Assert.Equal("readings", wrapper.Operator);
        var bad = FileError(error);
        Assert.Equal(path, bad.Path);
        Assert.Equal(line + 1, bad.LineNumber);
        Assert.Equal(header.Length + offset, bad.ByteOffset);
        Assert.Equal(raw, bad.RawText);
        Assert.Equal(reason, bad.Reason);
        Assert.Equal($"{path}:{line + 1} (byte {header.Length + offset}): {reason}: {raw}", bad.Message);
    }

    [Fact]
    public void AFieldThatIsNotValidUtf8IsABadLineNotAReplacementCharacter()
    {
        using var dir = new TempDirectory();
        var path = dir["utf8.csv"];
        File.WriteAllBytes(path, [.. "a,1,1\n"u8, (byte)'b', 0xC3, 0x28, .. ",2,2\n"u8]);

        var (items, error) = ReadAll(FileSource.Csv(path, MapReading));

        Assert.Equal(["a@1=1"], items.Select(r => r.ToString()));
        var bad = FileError(error);
        Assert.Equal((2L, 6L, "field 0 is not valid UTF-8"), (bad.LineNumber, bad.ByteOffset, bad.Reason));
    }

    [Fact]
    public void CachedStringsAreSharedBetweenRecordsWithTheSameFieldAndInvalidUtf8IsStillABadLine()
    {
        using var dir = new TempDirectory();
        var longName = new string('n', 65);
        var path = dir["cached.csv"];
        File.WriteAllBytes(path, [.. System.Text.Encoding.UTF8.GetBytes($"kitchen,1\ncellar,2\nkitchen,3\n{longName},4\n{longName},5\n"), (byte)'x', 0xFF, .. ",6\n"u8]);

        var (items, error) = ReadAll(FileSource.Csv(path, row => row.GetCachedString(0)));

        Assert.Equal(["kitchen", "cellar", "kitchen", longName, longName], items);
        Assert.Same(items[0], items[2]);
        Assert.NotSame(items[3], items[4]); // longer than 64 bytes: not cached
        Assert.Equal((6L, "field 0 is not valid UTF-8"), (FileError(error).LineNumber, FileError(error).Reason));
    }

    [Fact]
    public void AMappingFunctionThatThrowsFailsTheSourceWithItsErrorInside()
    {
        using var dir = new TempDirectory();
        var path = Write(dir["m.csv"], "a,1\nb,-1\n");

        var (items, error) = ReadAll(FileSource.Csv(path, row => row.GetInt64(1) >= 0 ? row.GetString(0) : throw new ArgumentOutOfRangeException("row", "negative time")));

        Assert.Equal(["a"], items);
        var bad = FileError(error);
        Assert.Equal((2L, 4L, "b,-1"), (bad.LineNumber, bad.ByteOffset, bad.RawText));
        Assert.Equal("the mapping function threw ArgumentOutOfRangeException: negative time (Parameter 'row')", bad.Reason);
        Assert.IsType<ArgumentOutOfRangeException>(bad.InnerException);
    }

    [Fact]
    public void WithDeadLettersEveryBadLineGoesThereWithItsFileLineAndTheSourceGoesOn()
    {
        using var dir = new TempDirectory();
        var path = Write(dir["mixed.csv"], "a,1,1\n\"b,2,2\nc,3\nd,4,4\ne,x,5\nf,6,6");
        var deadLetters = new DeadLetters();
        var letters = new List<DeadLetter>();
        deadLetters.Subscribe(letters.Add);

        var (items, error) = ReadAll(FileSource.Csv(path, MapReading, new CsvOptions { FieldCount = 3, DeadLetters = deadLetters, Name = "readings" }));

        Assert.Null(error);
        Assert.Equal(["a@1=1", "d@4=4", "f@6=6"], items.Select(r => r.ToString()));
        Assert.Equal(3, deadLetters.Count);
        Assert.All(letters, l => Assert.Equal("readings", l.Operator));
        Assert.Equal(
            [new FileLine(path, 2, 6, "\"b,2,2"), new FileLine(path, 3, 13, "c,3"), new FileLine(path, 5, 23, "e,x,5")],
            letters.Select(l => (FileLine)l.Record!));
        Assert.Equal(
            ["unbalanced quote: field 0, opened at column 1, is not closed", "2 fields where FieldCount is 3", "field 1 (\"x\") is not a valid Int64"],
            letters.Select(l => ((FileSourceException)l.Error).Reason));
        Assert.All(letters, l => Assert.Null(l.Timestamp));
    }

    [Fact]
    public void WithLineBreaksInQuotesARecordSpansLinesAndLineNumbersCountThem()
    {
        using var dir = new TempDirectory();
        var path = Write(dir["multi.csv"], "a,\"one\r\ntwo\",1\nb,\"x\",2\nc,\"open,3\n");
        var deadLetters = new DeadLetters();
        var letters = new List<DeadLetter>();
        deadLetters.Subscribe(letters.Add);

        var (items, error) = ReadAll(FileSource.Csv(
            path,
            row => $"{row.GetString(0)}:{row.GetString(1).Replace("\r\n", "/", StringComparison.Ordinal)}:{row.GetInt64(2)}",
            new CsvOptions { LineBreaksInQuotes = true, DeadLetters = deadLetters }));

        Assert.Null(error);
        Assert.Equal(["a:one/two:1", "b:x:2"], items);
        var bad = (FileLine)Assert.Single(letters).Record!;
        Assert.Equal(new FileLine(path, 4, 23, "c,\"open,3\n"), bad);
    }

    [Fact]
    public void ADirectoryIsReadFileByFileInPathOrderSkippingHiddenAndInProgressFiles()
    {
        using var dir = new TempDirectory();
        Write(dir["in/b.csv"], "b,2,0\n");
        Write(dir["in/a.csv"], "a,1,0\n");
        Write(dir["in/.hidden.csv"], "h,0,0\n");
        Write(dir["in/_part.csv"], "p,0,0\n");
        Write(dir["in/sub/c.csv"], "c,3,0\n");

        var (items, error) = ReadAll(FileSource.Csv(dir["in"], MapReading));

        Assert.Null(error);
        Assert.Equal(["a", "b"], items.Select(r => r.Sensor));
    }

    [Fact]
    public void AGlobMatchesNamesAndAnyDepthOfDirectories()
    {
        using var dir = new TempDirectory();
        Write(dir["in/2026/01/part-1.csv"], "x1,1,0\n");
        Write(dir["in/2026/part-0.csv"], "x0,0,0\n");
        Write(dir["in/2026/02/other.csv"], "o,0,0\n");
        Write(dir["in/2026/02/part-2.txt"], "t,0,0\n");

        var (deep, _) = ReadAll(FileSource.Csv(dir["in/**/part-*.csv"], MapReading));
        var (flat, _) = ReadAll(FileSource.Csv(dir["in/2026/*/*.csv"], MapReading));

        Assert.Equal(["x1", "x0"], deep.Select(r => r.Sensor));
        Assert.Equal(["x1", "o"], flat.Select(r => r.Sensor));
    }

    [Fact]
    public void AMissingFileFailsTheSourceAnEmptyDirectoryEndsIt()
    {
        using var dir = new TempDirectory();

        var (_, error) = ReadAll(FileSource.Csv(dir["nope.csv"], MapReading));
        var (items, emptyError) = ReadAll(FileSource.Csv(dir.Path, MapReading));

        var missing = Assert.IsType<FileNotFoundException>(Assert.IsType<StreamOperatorException>(error).InnerException);
        Assert.Equal($"File source 'file': {dir["nope.csv"]} does not exist.", missing.Message);
        Assert.Null(emptyError);
        Assert.Empty(items);
    }

    [Fact]
    public void LinesLongerThanTheBufferGrowItAndOneLongerThanTheLimitFailsTheSource()
    {
        using var dir = new TempDirectory();
        var longValue = new string('v', 100);
        var path = Write(dir["long.csv"], $"a,{longValue}\nb,c\n");

        var (items, error) = ReadAll(FileSource.Csv(path, row => row.GetString(1), new CsvOptions { BufferSize = 16 }));
        var (_, tooLong) = ReadAll(FileSource.Csv(path, row => row.GetString(1), new CsvOptions { BufferSize = 16, MaxLineLength = 64 }));

        Assert.Null(error);
        Assert.Equal([longValue, "c"], items);
        var bad = FileError(tooLong);
        Assert.Equal((1L, 0L), (bad.LineNumber, bad.ByteOffset));
        Assert.Equal("a line longer than MaxLineLength (64 bytes)", bad.Reason);
    }

    [Fact]
    public void ReadingAllocatesNothingPerLineBeyondWhatTheMappingBuilds()
    {
        using var dir = new TempDirectory();
        const int Lines = 50_000;
        var path = Write(dir["many.csv"], "sensor,time,value\n" + string.Concat(Enumerable.Range(0, Lines).Select(i => $"\"s{i % 10}\",{i},{i}.5\r\n")));
        var source = FileSource.Csv(path, row => row.GetInt64(1) + (long)row.GetDouble(2), new CsvOptions { HasHeader = true, BufferSize = 4096 });
        var observer = new Summing();
        using (source.Subscribe(observer))
        {
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        using (source.Subscribe(observer))
        {
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(2 * Enumerable.Range(0, Lines).Sum(i => 2L * i), observer.Sum);
        Assert.Equal(2, observer.Completions);
        Assert.True(allocated < 16 * 1024, $"reading {Lines} lines allocated {allocated:N0} bytes");
    }

    [Fact]
    public void OptionsAreValidated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FileSource.Csv("x.csv", MapReading, new CsvOptions { Delimiter = '"' }));
        Assert.Throws<ArgumentOutOfRangeException>(() => FileSource.Csv("x.csv", MapReading, new CsvOptions { FieldCount = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => FileSource.Csv("x.csv", MapReading, new CsvOptions { BufferSize = 8 }));
        Assert.Throws<ArgumentNullException>(() => FileSource.Csv<Reading>("x.csv", null!));
        Assert.Throws<ArgumentException>(() => FileSource.Csv("", MapReading));
    }

    /// <summary>Sums what it is given, allocating nothing, across subscriptions.</summary>
    private sealed class Summing : IObserver<long>
    {
        public long Sum { get; private set; }

        public int Completions { get; private set; }

        public void OnNext(long value) => Sum += value;

        public void OnError(Exception error) => throw error;

        public void OnCompleted() => Completions++;
    }
}
