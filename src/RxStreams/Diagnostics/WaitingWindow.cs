namespace RxStreams;

/// <summary>A window that holds state in a window operator, over all keys.</summary>
/// <param name="Window">The window.</param>
/// <param name="Keys">How many keys hold state in it.</param>
/// <param name="Fired">True once it fired on time; it is then kept only for late records, until <paramref name="CleanupAt"/>.</param>
/// <param name="FiresAt">The watermark it needs to fire: its end. Null once fired, and when its trigger or processing time decides instead.</param>
/// <param name="CleanupAt">The watermark that frees its state: end + allowed lateness. Null for processing-time windows.</param>
public sealed record WaitingWindow(TimeWindow Window, int Keys, bool Fired, long? FiresAt, long? CleanupAt);
