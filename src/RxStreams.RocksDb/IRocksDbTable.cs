namespace RxStreams.RocksDb;

/// <summary>What the RocksDB backend needs of each of its states, whatever their types.</summary>
internal interface IRocksDbTable : System.IDisposable
{
    /// <summary>The next <c>Capture</c> reads <paramref name="snapshot"/>, which the whole checkpoint shares.</summary>
    void UseSnapshot(RocksDbSnapshotLease? snapshot);
}
