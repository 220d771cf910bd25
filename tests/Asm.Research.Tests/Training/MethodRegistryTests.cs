using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Losses;
using Asm.Research.Models;
using Asm.Research.Platform;
using Asm.Research.Training;
using Asm.Research.Training.Methods;
using Asm.Research.Training.Optimizers;
using static TorchSharp.torch;

namespace Asm.Research.Tests.Training;

public sealed class MethodRegistryTests
{
    public MethodRegistryTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Every_registered_method_builds_trains_a_step_and_checkpoints_its_networks()
    {
        var data = DataSources.Load(TinyConfigs.For("bce").Data);
        // The multi-class-only methods (ce, asm+ce, …) train in MultiClassTrainingTests on five-class data.
        foreach (var name in MethodRegistry.Names.Where(n => MethodRegistry.Get(n).Tasks.HasFlag(Asm.Research.Data.Tasks.TaskKinds.Binary)))
        {
            var config = TinyConfigs.For(name, epochs: 1);
            var loaded = name == "cgan" ? DataSources.Load(config.Data) : data;
            using var experiment = Experiment.Create(config);
            Assert.Equal(name, experiment.Method.Name);
            Assert.Contains("predictor", experiment.Method.Networks.Keys);
            Assert.Equal(experiment.Method.Networks.Keys.Order(), experiment.Method.Optimizers.Keys.Order());
            new Trainer().Fit(experiment, loaded);
            var losses = experiment.History.Epochs[^1].MeanLosses;
            Assert.True(losses.Count > 0 && losses.Values.All(double.IsFinite), $"{name}: {string.Join(", ", losses)}");
        }
    }

    [Fact]
    public void Each_method_names_exactly_the_networks_it_trains()
    {
        // AAF's affinity weights are a loss's parameters, no layers. The oneDNN shape set, the gradient check, the memory estimate and the size bounds read NetworkKind lists.
        foreach (var name in MethodRegistry.Names)
        {
            var fits = MethodRegistry.Get(name).Tasks.HasFlag(Asm.Research.Data.Tasks.TaskKinds.Binary)
                ? Asm.Research.Data.Tasks.SegmentationTask.FigureGround : Tasks.FiveClasses;
            using var method = MethodRegistry.Create(TinyConfigs.For(name).WithTask(fits), CPU);
            var trained = method.Networks.Values.Where(m => m is not AffinityFieldWeights).Select(m => m switch
            {
                UNet => NetworkKind.UNet,
                StructureAnalyzer => NetworkKind.Analyzer,
                PatchDiscriminator => NetworkKind.Discriminator,
                _ => throw new InvalidOperationException($"{name}: a network of type {m.GetType().Name}"),
            });
            Assert.Equal(trained.Order(), MethodRegistry.NetworksOf(name).Order());
            Assert.Equal(NetworkKind.UNet, MethodRegistry.NetworksOf(name)[0]);
        }
    }

    [Theory]
    [InlineData("bce", new[] { "bce" })]
    [InlineData("bce+dice", new[] { "bce", "dice" })]
    [InlineData("bce+lovasz", new[] { "bce", "lovasz" })]
    [InlineData("aaf", new[] { "bce", "aaf" })]
    public void Supervised_presets_give_their_terms(string method, string[] terms)
    {
        using var experiment = Experiment.Create(TinyConfigs.For(method));
        var supervised = Assert.IsType<SupervisedMethod>(experiment.Method);
        Assert.Equal(terms, supervised.Terms.Select(t => t.Name));
        Assert.Equal(method == "aaf", experiment.Method.Networks.ContainsKey("aaf-weights"));
    }

    [Fact]
    public void The_bce_method_makes_exactly_the_update_of_plain_bce_with_sgd()
    {
        // The refactor onto the registry must not change BCE's arithmetic (the recorded runs depend on it).
        var config = TinyConfigs.For("bce");
        var batch = new Batch(randn(4, 3, 32, 32, generator: new Generator(5)), rand(4, 1, 32, 32, generator: new Generator(6)).gt(0.5).to_type(ScalarType.Float32), [0, 1, 2, 3]);
        using var method = MethodRegistry.Create(config, CPU);
        using var reference = NetworkFactory.Predictor(config, CPU);
        var optimizer = OptimizerFactory.Create(reference, config.Optimizer);
        for (int step = 0; step < 2; step++)
        {
            var context = new StepContext(step, 10, 0.01);
            method.Step(batch, context);
            var loss = BceLoss.WithLogits(reference.forward(batch.Images), batch.Masks);
            optimizer.ZeroGrad();
            loss.backward();
            optimizer.Step(context.LearningRate);
        }
        var expected = reference.state_dict();
        foreach (var (key, value) in method.Predictor.state_dict())
            Assert.True((value == expected[key]).all().item<bool>(), $"{key} differs");
    }

    [Fact]
    public void Aaf_weights_take_a_gradient_ascent_step_on_the_affinity_loss()
    {
        // SGD's first step with momentum moves a parameter by −lr·gradient; for the maximised
        // weights it must be +lr·∂AAF/∂w, computed here on the same batch before the step.
        var config = TinyConfigs.For("aaf") with { Aaf = new AffinityFieldConfig { Decay = false } };
        using var method = (SupervisedMethod)MethodRegistry.Create(config, CPU);
        var weights = (AffinityFieldWeights)method.Networks["aaf-weights"];
        var images = randn(4, 3, 32, 32, generator: new Generator(1));
        var masks = rand(4, 1, 32, 32, generator: new Generator(2)).gt(0.5).to_type(ScalarType.Float32);
        var raw = weights.parameters().Cast<Tensor>().ToList();
        var loss = AffinityFieldLoss.WithLogits(method.Predictor.forward(images), masks, weights.Edge(), weights.NonEdge());
        var gradients = autograd.grad([loss], raw).Select(g => g.clone()).ToList();
        var before = raw.Select(p => p.detach().clone()).ToList();
        const double lr = 0.5;
        method.Step(new Batch(images, masks, [0, 1, 2, 3]), new StepContext(0, 10, lr));
        for (int i = 0; i < raw.Count; i++)
        {
            Assert.True(gradients[i].abs().max().item<float>() > 0, "the affinity loss does not depend on the weights");
            var moved = raw[i].detach() - before[i];
            Assert.True(moved.allclose(gradients[i] * lr, rtol: 1e-4, atol: 1e-7), $"weights moved by {moved.ToString(TorchSharp.TensorStringStyle.Julia)} instead of +lr·grad {(gradients[i] * lr).ToString(TorchSharp.TensorStringStyle.Julia)}");
        }
    }

    [Theory]
    [InlineData("asm", "loss.dice=1", "does not use the loss")]
    [InlineData("cgan", "loss.lovasz=0.5", "does not use the loss")]
    [InlineData("bce", "loss.bce=0", "at least one of")]
    [InlineData("bce+dice", "loss.dice=-1", "loss.dice")]
    [InlineData("aaf", "aaf.kernelSizes=4", "aaf.kernelSizes")]
    [InlineData("bce", "data.size=33", "data.size = 33")]
    [InlineData("asm+bce", "asm.layers=1,1", "listed twice")]
    public void Settings_a_method_cannot_use_are_refused_naming_them(string method, string assignment, string expected)
    {
        var config = ConfigOverrides.Apply(TinyConfigs.For(method), [assignment]);
        var error = Assert.Throws<ConfigException>(() => Experiment.Create(config).Dispose());
        Assert.Contains(expected, error.Message);
    }
}
