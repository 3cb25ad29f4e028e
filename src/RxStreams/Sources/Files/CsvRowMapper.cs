namespace RxStreams;

/// <summary>Turns one CSV record into a <typeparamref name="T"/>; read the fields with the row's typed getters.</summary>
/// <typeparam name="T">The record type.</typeparam>
/// <param name="row">The record's fields, valid only during the call.</param>
public delegate T CsvRowMapper<out T>(CsvRow row);
