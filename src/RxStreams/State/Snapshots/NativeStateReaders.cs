using System;
using RxStreams.Checkpoints;

namespace RxStreams.State;

/// <summary>Finds the reader of a backend's own snapshot files in the backend's package, which the core does not reference.</summary>
internal static class NativeStateReaders
{
    private const string RocksDb = "rocksdb";

    public static INativeStateReader For(string backend, OperatorSnapshot snapshot)
    {
        var type = backend == RocksDb ? Type.GetType("RxStreams.RocksDb.RocksDbNativeStateReader, RxStreams.RocksDb", throwOnError: false) : null;
        return type is not null
            ? (INativeStateReader)Activator.CreateInstance(type)!
            : throw new CheckpointRestoreException(
                $"The keyed state of operator '{snapshot.OperatorName}' (uid '{snapshot.Uid}') is an incremental checkpoint of the '{backend}' state backend, " +
                "and its files can be read only with that backend's package: reference RxStreams.RocksDb, or restore from a savepoint.");
    }
}
