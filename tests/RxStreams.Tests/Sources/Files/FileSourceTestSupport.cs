using System.IO;
using System.Text;

namespace RxStreams.Tests.Ingestion.Files;

/// <summary>A sensor reading, the record of the file-source tests.</summary>
public sealed record Reading(string Sensor, long Time, double Value)
{
    public override string ToString() => $"{Sensor}@{Time}={Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}

/// <summary>Files for the file-source tests, and reading a source outside a job.</summary>
internal static class FileSourceTestSupport
{
    public static readonly CsvRowMapper<Reading> MapReading = row => new Reading(row.GetString(0), row.GetInt64(1), row.GetDouble(2));

    /// <summary>Writes <paramref name="text"/> as UTF-8 bytes exactly (no BOM unless the text has one).</summary>
    public static string Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(text));
        return path;
    }

    public static void Append(string path, string text)
    {
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        stream.Write(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Reads the source to its end outside a job: its records, and the error it ended with, if any.</summary>
    public static (List<T> Items, Exception? Error) ReadAll<T>(IObservable<T> source)
    {
        var output = new Collector<T>();
        using (source.Subscribe(output))
        {
        }

        Assert.True(output.Completed || output.Error is not null, "the source neither completed nor failed");
        return (output.Items, output.Error);
    }

    /// <summary>The file-source error a failed read ended with (the source wraps it in a StreamOperatorException).</summary>
    public static FileSourceException FileError(Exception? error)
    {
        var wrapper = Assert.IsType<StreamOperatorException>(error);
        return Assert.IsType<FileSourceException>(wrapper.InnerException);
    }
}
