using System;

namespace RxStreams.Ingestion;

/// <summary>A CSV field that does not parse as asked, or an index past the last field: the line is malformed.</summary>
internal sealed class CsvFieldException(string message) : FormatException(message);
