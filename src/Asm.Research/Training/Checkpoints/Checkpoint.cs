using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Asm.Research.Configuration;
using Asm.Research.Platform;
using TorchSharp;
using static TorchSharp.torch;

namespace Asm.Research.Training.Checkpoints;

/// <summary>
/// Saves and restores an <see cref="Experiment"/>: weights, optimiser state, config and history.
/// A checkpoint is a folder; it is written beside its final place and renamed into it, so a
/// crash never leaves a half-written checkpoint where a complete one is expected.
/// </summary>
public static class Checkpoint
{
    /// <summary>The manifest's file name inside a checkpoint folder.</summary>
    public const string ManifestFile = "checkpoint.json";

    /// <summary>
    /// Writes <paramref name="experiment"/> to <paramref name="directory"/>, replacing what is there.
    /// On failure (a full disk, say) the previous checkpoint stays in place and the temporary
    /// folder is removed.
    /// </summary>
    public static void Save(Experiment experiment, string directory)
    {
        directory = Path.GetFullPath(directory);
        string parent = Path.GetDirectoryName(directory)!;
        Directory.CreateDirectory(parent);
        string temp = $"{directory}.tmp-{Environment.ProcessId}";
        try
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
            Directory.CreateDirectory(temp);
            WriteContents(experiment, temp);
        }
        catch
        {
            FolderCleanup.DeleteQuietly(temp);
            throw;
        }

        string old = $"{directory}.old-{Environment.ProcessId}";
        if (Directory.Exists(directory)) Directory.Move(directory, old);
        try
        {
            Directory.Move(temp, directory);
        }
        catch
        {
            if (Directory.Exists(old) && !Directory.Exists(directory)) Directory.Move(old, directory);
            FolderCleanup.DeleteQuietly(temp);
            throw;
        }
        // Left behind only if this fails; the next --resume or --force removes it.
        FolderCleanup.DeleteQuietly(old);
    }

    private static void WriteContents(Experiment experiment, string temp)
    {
        var files = new Dictionary<string, string>();
        void WriteState(string file, IEnumerable<KeyValuePair<string, Tensor>> tensors)
        {
            string path = Path.Combine(temp, file);
            TensorFile.Write(path, tensors);
            files[file] = Sha256(path);
        }
        foreach (var (name, network) in experiment.Method.Networks)
            WriteState($"{name}.tensors", network.state_dict());
        foreach (var (name, optimizer) in experiment.Method.Optimizers)
            WriteState($"{name}.optimizer.tensors", optimizer.State());

        var manifest = new CheckpointManifest
        {
            Config = experiment.Config,
            Epoch = experiment.History.CompletedEpochs,
            Step = experiment.History.CompletedSteps,
            Files = files,
            History = experiment.History,
        };
        // Written last: a folder with a manifest whose hashes match is complete.
        File.WriteAllText(Path.Combine(temp, ManifestFile), ConfigJson.Serialize(manifest));
    }

    /// <summary>The checkpoint folder for <paramref name="path"/>: the folder itself, or its <c>checkpoint</c> sub-folder (a run's output folder).</summary>
    /// <exception cref="CheckpointException">No checkpoint there.</exception>
    public static string Resolve(string path)
    {
        foreach (var candidate in new[] { path, Path.Combine(path, "checkpoint") })
            if (File.Exists(Path.Combine(candidate, ManifestFile))) return Path.GetFullPath(candidate);
        throw new CheckpointException(Directory.Exists(path)
            ? $"{path}: no {ManifestFile} here or in {Path.Combine(path, "checkpoint")}; not a checkpoint folder"
            : $"{path}: checkpoint folder not found");
    }

    /// <summary>Reads and verifies a checkpoint's manifest (every state file's hash included).</summary>
    public static CheckpointManifest ReadManifest(string path)
    {
        string directory = Resolve(path);
        string manifestPath = Path.Combine(directory, ManifestFile);
        CheckpointManifest manifest;
        try
        {
            manifest = ConfigJson.Deserialize<CheckpointManifest>(InputFile.ReadAllText(manifestPath));
        }
        catch (JsonException e)
        {
            throw new CheckpointException($"{manifestPath}: corrupt checkpoint manifest ({e.Message})", e);
        }
        if (manifest.Format != CheckpointManifest.CurrentFormat)
            throw new CheckpointException($"{manifestPath}: format '{manifest.Format}' is not {CheckpointManifest.CurrentFormat}");
        if (manifest.Files is null)
            throw new CheckpointException($"{manifestPath}: lists no files with their SHA-256; the checkpoint's integrity cannot be verified");
        foreach (var (file, hash) in manifest.Files)
        {
            string filePath = Path.Combine(directory, file);
            if (!File.Exists(filePath)) throw new CheckpointException($"{filePath}: missing from the checkpoint");
            if (!string.Equals(Sha256(filePath), hash, StringComparison.OrdinalIgnoreCase))
                throw new CheckpointException($"{filePath}: corrupt (its SHA-256 does not match {ManifestFile})");
        }
        return manifest;
    }

    /// <summary>
    /// Restores the experiment saved at <paramref name="path"/>. With <paramref name="expected"/>,
    /// refuses a checkpoint whose config differs from it (e.g. when resuming a run).
    /// </summary>
    /// <exception cref="CheckpointException">Missing, corrupt, or from another config; the message names the file or keys.</exception>
    public static Experiment Load(string path, ExperimentConfig? expected = null)
    {
        var manifest = ReadManifest(path);
        string directory = Resolve(path);
        if (expected is not null)
        {
            var differences = Differences(manifest.Config, expected);
            if (differences.Count > 0)
                throw new CheckpointException($"{Path.Combine(directory, ManifestFile)}: the checkpoint comes from another config: {string.Join("; ", differences)}");
        }

        // Resumed on this machine: with the threads asked for here, not those of the machine it trained on.
        var config = expected is null ? manifest.Config
            : manifest.Config with { Training = manifest.Config.Training with { Threads = expected.Training.Threads } };
        var experiment = Experiment.Create(config, manifest.History);
        try
        {
            foreach (var (name, network) in experiment.Method.Networks)
                LoadNetwork(network, VerifiedFile(directory, manifest, $"{name}.tensors"), experiment.Device);
            foreach (var (name, optimizer) in experiment.Method.Optimizers)
            {
                var state = TensorFile.Read(VerifiedFile(directory, manifest, $"{name}.optimizer.tensors"));
                try
                {
                    optimizer.LoadState(state.ToDictionary(kv => kv.Key, kv => kv.Value.to(experiment.Device)));
                }
                finally
                {
                    foreach (var t in state.Values) t.Dispose();
                }
            }
            return experiment;
        }
        catch
        {
            experiment.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The path of <paramref name="file"/>, which <see cref="ReadManifest"/> verified only if the manifest lists
    /// its hash: a state file the manifest leaves out (an edited manifest) cannot be verified, so it is refused.
    /// </summary>
    private static string VerifiedFile(string directory, CheckpointManifest manifest, string file)
    {
        string path = Path.Combine(directory, file);
        if (!manifest.Files.ContainsKey(file))
            throw new CheckpointException($"{path}: {ManifestFile} lists no SHA-256 for it, so its integrity cannot be verified; refusing to load it");
        return path;
    }

    /// <summary>The config keys whose values differ, as "key: a (checkpoint) vs b (requested)"; the thread count, the machine's and not the model's, aside.</summary>
    public static IReadOnlyList<string> Differences(ExperimentConfig saved, ExperimentConfig requested) =>
        ConfigTree.Differences(saved, requested, "checkpoint", "requested", ignore: MachineKeys);

    private static readonly IReadOnlySet<string> MachineKeys = new HashSet<string>(["training.threads"]);

    private static void LoadNetwork(nn.Module network, string file, Device device)
    {
        var saved = TensorFile.Read(file);
        try
        {
            var target = network.state_dict();
            var missing = target.Keys.Except(saved.Keys).ToList();
            var extra = saved.Keys.Except(target.Keys).ToList();
            if (missing.Count > 0 || extra.Count > 0)
                throw new CheckpointException($"{file}: does not fit the network the config builds (missing: {string.Join(", ", missing.Take(5))}; unexpected: {string.Join(", ", extra.Take(5))})");
            using var noGrad = torch.no_grad();
            foreach (var (name, tensor) in target)
            {
                if (!tensor.shape.SequenceEqual(saved[name].shape))
                    throw new CheckpointException($"{file}: '{name}' has shape [{string.Join(",", saved[name].shape)}] but the config builds [{string.Join(",", tensor.shape)}]; the checkpoint comes from another config");
                tensor.copy_(saved[name].to(device));
            }
        }
        finally
        {
            foreach (var t in saved.Values) t.Dispose();
        }
    }

    private static string Sha256(string path)
    {
        using var stream = InputFile.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }
}
