using Asm.Research.Platform;
using System.Collections;
using Asm.Research.Training.Checkpoints;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Asm.Research.Interop;

/// <summary>
/// A module's state_dict in PyTorch's own file format (what <c>torch.save(model.state_dict(), f)</c>
/// writes and <c>torch.load(f)</c> reads: a zip of a pickle and raw tensor storages), through TorchSharp.PyBridge.
/// </summary>
public static class PyTorchStateDict
{
    /// <summary>Writes <paramref name="module"/>'s parameters and buffers to <paramref name="path"/> (through a temporary file and a rename).</summary>
    public static void Save(nn.Module module, string path) => AtomicFile.WriteVia(path, temp => module.save_py(temp));

    /// <summary>
    /// The tensors of a state_dict file, by name, on the CPU; the caller owns them. PyBridge's own
    /// <c>load_py</c> is not used for loading: measured with 1.4.4 and TorchSharp 0.107.0, it loads a
    /// width-4 U-Net's file into a width-8 U-Net without complaint, so the caller checks shapes against
    /// the file's own (<see cref="Training.PredictorInitialization.CopyInto"/>).
    /// </summary>
    /// <exception cref="CheckpointException">The file is missing, not a PyTorch zip file, or not a state_dict of tensors.</exception>
    public static Dictionary<string, Tensor> Read(string path)
    {
        if (!File.Exists(path)) throw new CheckpointException($"{path}: file not found");
        Hashtable table;
        try
        {
            using var stream = InputFile.OpenRead(path);
            table = PyTorchUnpickler.UnpickleStateDict(stream, leaveOpen: false, skipTensorRead: false);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or InvalidCastException or NotImplementedException
                                      or InvalidOperationException or ArgumentException or Razorvine.Pickle.PickleException)
        {
            throw new CheckpointException($"{path}: not a PyTorch state_dict file ({e.Message})", e);
        }
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in table)
        {
            if (entry.Key is string name && entry.Value is Tensor tensor) result[name] = tensor;
            else
            {
                foreach (var t in result.Values) t.Dispose();
                throw new CheckpointException($"{path}: not a state_dict of named tensors (entry '{entry.Key}' is {entry.Value?.GetType().Name ?? "null"})");
            }
        }
        return result;
    }
}
