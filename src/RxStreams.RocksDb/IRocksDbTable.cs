namespace RxStreams.RocksDb;

/// <summary>What the RocksDB backend needs of each of its states, whatever their types.</summary>
internal interface IRocksDbTable : System.IDisposable
{
    /// <summary>The next <c>Capture</c> reads <paramref name="snapshot"/>, which the whole checkpoint shares.</summary>
    void UseSnapshot(RocksDbSnapshotLease? snapshot);

    /// <summary>After the store was reopened on a checkpoint's files: fetches the column families again and finds the earliest queued expiry.</summary>
    void Rebind();

    /// <summary>After rows were copied in directly: finds the earliest queued expiry.</summary>
    void FindNextExpiry();
}
