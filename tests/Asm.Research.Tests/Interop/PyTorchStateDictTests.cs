using System.Globalization;
using System.Text.Json;
using Asm.Research.Configuration;
using Asm.Research.Interop;
using Asm.Research.Models;
using Asm.Research.Platform;
using Asm.Research.Training;
using Asm.Research.Training.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace Asm.Research.Tests.Interop;

public sealed class PyTorchStateDictTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("asm-pt-").FullName;

    public PyTorchStateDictTests() => TorchRuntime.EnsureLoaded();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // Seeded weights plus batch-norm statistics that are not the defaults (a forward pass in training mode moves them).
    private static UNet Network(int width, int seed)
    {
        torch.manual_seed(seed);
        var net = new UNet(new UNetConfig { Width = width, Depth = 2 });
        using (torch.no_grad()) net.forward(torch.randn(2, 3, 16, 16));
        return net;
    }

    private static void AssertSameState(nn.Module expected, IReadOnlyDictionary<string, Tensor> actual)
    {
        var state = expected.state_dict();
        Assert.Equal(state.Keys.Order(), actual.Keys.Order());
        foreach (var (name, tensor) in state)
        {
            Assert.Equal(tensor.dtype, actual[name].dtype);
            Assert.Equal(tensor.shape, actual[name].shape);
            Assert.True(tensor.equal(actual[name]).all().item<bool>(), $"{name} differs");
        }
    }

    [Fact]
    public void A_state_dict_round_trips_every_weight_and_buffer_bit_for_bit()
    {
        using var source = Network(4, seed: 1);
        string file = Path.Combine(_dir, "predictor.pt");
        PyTorchStateDict.Save(source, file);

        var read = PyTorchStateDict.Read(file);
        AssertSameState(source, read);
        Assert.Contains("down.0.bn1.num_batches_tracked", read.Keys); // the int64 buffer too
        Assert.Equal(1L, read["down.0.bn1.num_batches_tracked"].item<long>());

        // Into another network: same predictions.
        using var target = Network(4, seed: 2);
        PredictorInitialization.CopyInto(target, read, file);
        AssertSameState(source, target.state_dict());
        source.eval(); target.eval();
        using var x = torch.randn(1, 3, 16, 16);
        Assert.True(source.forward(x).equal(target.forward(x)).all().item<bool>());
    }

    [Fact]
    public void A_predictor_of_another_width_is_refused_naming_the_file_and_tensor()
    {
        string file = Path.Combine(_dir, "narrow.pt");
        using (var narrow = Network(4, seed: 1)) PyTorchStateDict.Save(narrow, file);
        using var wide = Network(8, seed: 1);
        var before = wide.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());

        var error = Assert.Throws<CheckpointException>(() => PredictorInitialization.Apply(wide, file));
        Assert.Contains(file, error.Message);
        Assert.Contains("down.0.conv1.weight", error.Message);
        AssertSameState(wide, before); // nothing half-copied
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("")]
    public void A_file_that_is_no_state_dict_is_refused_naming_it(string content)
    {
        string file = Path.Combine(_dir, "bad.pt");
        File.WriteAllText(file, content);
        using var net = Network(4, seed: 1);
        var error = Assert.Throws<CheckpointException>(() => PredictorInitialization.Apply(net, file));
        Assert.Contains(file, error.Message);
    }

    [Fact]
    public void A_missing_source_is_refused_naming_it()
    {
        using var net = Network(4, seed: 1);
        string missing = Path.Combine(_dir, "no-such-run");
        var error = Assert.Throws<CheckpointException>(() => PredictorInitialization.Apply(net, missing));
        Assert.Contains(missing, error.Message);
    }

    private const string PythonSumsScript = """
        import json, sys, torch
        sd = torch.load(sys.argv[1], map_location="cpu")
        print(json.dumps({k: [list(v.shape), str(v.dtype), float(v.double().sum())] for k, v in sd.items()}))
        if len(sys.argv) > 2:
            sd["head.bias"] = sd["head.bias"] + 1
            torch.save(sd, sys.argv[2])
        """;

    [PythonTorchFact]
    public void Python_torch_load_reads_the_export_and_its_torch_save_reads_back()
    {
        using var source = Network(4, seed: 3);
        string file = Path.Combine(_dir, "predictor.pt"), back = Path.Combine(_dir, "from-python.pt");
        PyTorchStateDict.Save(source, file);

        using var doc = JsonDocument.Parse(PythonTorch.Run(PythonSumsScript, file, back));
        var state = source.state_dict();
        Assert.Equal(state.Keys.Order(), doc.RootElement.EnumerateObject().Select(p => p.Name).Order());
        foreach (var (name, tensor) in state)
        {
            var entry = doc.RootElement.GetProperty(name);
            Assert.Equal(tensor.shape, entry[0].EnumerateArray().Select(d => d.GetInt64()).ToArray());
            Assert.Equal(tensor.dtype == ScalarType.Int64 ? "torch.int64" : "torch.float32", entry[1].GetString());
            double sum = tensor.to_type(ScalarType.Float64).sum().item<double>();
            Assert.True(Math.Abs(sum - entry[2].GetDouble()) <= 1e-9 * Math.Max(1, Math.Abs(sum)), $"{name}: sum {sum} in C#, {entry[2].GetDouble()} in Python");
        }

        // The other direction: what Python's torch.save wrote (head.bias + 1) loads here.
        var read = PyTorchStateDict.Read(back);
        Assert.True(read["head.bias"].allclose(state["head.bias"] + 1, rtol: 0, atol: 1e-6));
        Assert.True(read["down.0.conv1.weight"].equal(state["down.0.conv1.weight"]).all().item<bool>());
    }
}
