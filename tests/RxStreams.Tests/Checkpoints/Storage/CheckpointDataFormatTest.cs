using CsCheck;
using RxStreams.Checkpoints;
using RxStreams.State;
using static RxStreams.Tests.Checkpoints.Storage.CheckpointTestSupport;

namespace RxStreams.Tests.Checkpoints.Storage;

public class CheckpointDataFormatTest
{
    private static byte[] Encode(CheckpointSnapshot snapshot)
    {
        using var writer = new StateWriter();
        CheckpointDataFormat.Write(writer, snapshot);
        return writer.ToArray();
    }

    [Fact]
    public void EncodingIsDeterministic() =>
        Assert.Equal(Encode(Sample(3)), Encode(Sample(3)));

    [Fact]
    public void StartsWithMagicAndVersion() =>
        Assert.Equal(new byte[] { (byte)'R', (byte)'X', (byte)'S', (byte)'D', 1, 0, 0, 0 }, Encode(Sample(3))[..8]);

    [Fact]
    public void EveryTruncationIsRefusedNamingTheSource()
    {
        var bytes = Encode(new CheckpointSnapshot(2, Noon, [new OperatorSnapshot("op", "Op", [new KeyGroupState(1, Bytes("abc"))])]));
        for (var cut = 0; cut < bytes.Length; cut++)
        {
            var e = Assert.Throws<CheckpointStorageException>(() => CheckpointDataFormat.Read(bytes.AsMemory(0, cut), "chk-2/state", 2));
            Assert.Contains("'chk-2/state'", e.Message, StringComparison.Ordinal);
            Assert.Equal("chk-2/state", e.Path);
        }
    }

    [Fact]
    public void TrailingBytesAreRefused()
    {
        var bytes = Encode(Sample(1)).Append((byte)0).ToArray();
        var e = Assert.Throws<CheckpointStorageException>(() => CheckpointDataFormat.Read(bytes, "x", 1));
        Assert.Equal("Checkpoint data 'x' is corrupt: 1 unexpected bytes after the last operator", e.Message);
    }

    [Fact]
    public void DataOfAnotherCheckpointIsRefused()
    {
        var e = Assert.Throws<CheckpointStorageException>(() => CheckpointDataFormat.Read(Encode(Sample(1)), "x", 2));
        Assert.Equal("Checkpoint data 'x' holds checkpoint 1, not 2.", e.Message);
    }

    [Fact]
    public void NewerDataVersionIsRefused()
    {
        var bytes = Encode(Sample(1));
        bytes[4] = 9;
        var e = Assert.Throws<CheckpointStorageException>(() => CheckpointDataFormat.Read(bytes, "x", 1));
        Assert.Equal("Checkpoint data 'x' has format version 9, but this RxStreams reads only version 1: it was written by a newer release; restore it with that release or a later one.", e.Message);
    }

    [Fact]
    public void DamagedBytesReadOrFailTyped()
    {
        var valid = Encode(new CheckpointSnapshot(
            4, Noon, [new OperatorSnapshot("op", "Op", [new KeyGroupState(1, Bytes("abc"))], [new SubtaskState(0, 1, Bytes("d"))], new Dictionary<string, string> { ["s"] = "i64@1" })]));
        Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Byte).Sample((position, value) =>
        {
            var damaged = (byte[])valid.Clone();
            damaged[position] = value;
            try
            {
                CheckpointDataFormat.Read(damaged, "x", null);
            }
            catch (CheckpointStorageException)
            {
            }
        }, iter: 3000);
    }
}
