using Asm.Research.Platform;
using System.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Asm.Research.Training.Checkpoints;

/// <summary>
/// A small, self-checking file of named tensors (float32 and int64): magic, count, then per
/// tensor its name, type, shape and little-endian data. Used for weights and optimiser state.
/// </summary>
public static class TensorFile
{
    private static readonly byte[] Magic = "ASMTENSORS1\n"u8.ToArray();

    /// <summary>Writes <paramref name="tensors"/> (copied to the CPU) to <paramref name="path"/>.</summary>
    public static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors)
    {
        using var stream = File.Create(path);
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        var list = tensors.ToList();
        writer.Write(Magic);
        writer.Write(list.Count);
        foreach (var (name, tensor) in list)
        {
            using var cpu = tensor.detach().cpu().contiguous();
            writer.Write(name);
            writer.Write((int)cpu.dtype);
            writer.Write((int)cpu.dim());
            foreach (long d in cpu.shape) writer.Write(d);
            if (cpu.dtype == ScalarType.Float32) writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(cpu.data<float>().ToArray().AsSpan()));
            else if (cpu.dtype == ScalarType.Int64) writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(cpu.data<long>().ToArray().AsSpan()));
            else throw new NotSupportedException($"tensor '{name}' has type {cpu.dtype}; only float32 and int64 are stored");
        }
    }

    /// <summary>Reads a file written by <see cref="Write"/>; the caller owns the tensors.</summary>
    /// <exception cref="CheckpointException">The file is missing, truncated or not a tensor file.</exception>
    public static Dictionary<string, Tensor> Read(string path)
    {
        if (!File.Exists(path)) throw new CheckpointException($"{path}: file missing from the checkpoint");
        var result = new Dictionary<string, Tensor>();
        try
        {
            using var stream = InputFile.OpenRead(path);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
                throw new CheckpointException($"{path}: not a tensor file of this kit (bad header)");
            int count = reader.ReadInt32();
            if (count < 0 || count > 100_000) throw new CheckpointException($"{path}: corrupt (tensor count {count})");
            for (int i = 0; i < count; i++)
            {
                string name = reader.ReadString();
                var dtype = (ScalarType)reader.ReadInt32();
                int rank = reader.ReadInt32();
                if (rank < 0 || rank > 8) throw new CheckpointException($"{path}: corrupt (tensor '{name}' has rank {rank})");
                var shape = new long[rank];
                long elements = 1;
                for (int d = 0; d < rank; d++)
                {
                    shape[d] = reader.ReadInt64();
                    if (shape[d] < 0 || shape[d] > int.MaxValue) throw new CheckpointException($"{path}: corrupt (tensor '{name}' shape)");
                    elements *= shape[d];
                }
                int width = dtype switch { ScalarType.Float32 => 4, ScalarType.Int64 => 8, _ => throw new CheckpointException($"{path}: corrupt (tensor '{name}' has type code {(int)dtype})") };
                if (elements * width > stream.Length - stream.Position) throw new CheckpointException($"{path}: truncated (tensor '{name}')");
                byte[] bytes = reader.ReadBytes(checked((int)(elements * width)));
                result[name] = dtype == ScalarType.Float32
                    ? torch.tensor(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes).ToArray(), shape)
                    : torch.tensor(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(bytes).ToArray(), shape);
            }
            if (stream.Position != stream.Length) throw new CheckpointException($"{path}: corrupt (trailing bytes)");
            return result;
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or ArgumentException or OverflowException)
        {
            foreach (var t in result.Values) t.Dispose();
            throw new CheckpointException($"{path}: truncated or corrupt ({e.Message})");
        }
        catch
        {
            foreach (var t in result.Values) t.Dispose();
            throw;
        }
    }
}
