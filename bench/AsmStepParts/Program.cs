// Where the ASM step's extra time goes, against the BCE step on the same batch.
// 1. The real BceMethod and AsmMethod steps (optimisers included, no data pipeline), timed in
//    alternation in one process, so drift of this VM's speed hits both alike; prints the medians
//    and their ratio.
// 2. The ASM step's phases, each alone (S + BCE, A's update pass, the truth's features, S's update
//    through A); the step written out with a lap after each phase; and S + BCE with nothing, a 64 MB
//    memory sweep or A's update pass between its forward and backward.
// 3. The analyzer's convolutions one by one, forward alone and forward + backward (weights and
//    input), and the per-pixel normalisation of φ₁ and φ₂ as written in the library against
//    F.normalize.
// 4. A's update pass accounted for by kind of work (convolutions, ReLUs, resizes, concatenations,
//    reconstruction, normalisation + hinge, each alone at its shapes), and how S's and A's passes scale
//    from 1 thread to the run's.
// Random images and masks at the default config (128×128, batch 8). For the tuned malloc the CLI
// uses, start it with the same GLIBC_TUNABLES (it prints which allocator it has):
//
//   GLIBC_TUNABLES=glibc.malloc.hugetlb=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=2147483647:glibc.malloc.top_pad=268435456 \
//     dotnet run --project bench/AsmStepParts -c Release -- [threads=2] [batch=8] [steps=16] [only=bce|asm]
// With a fourth argument only that method's steps run and the rest is skipped: for a profiler
// (perf record -g) to see one method's step alone.
using System.Diagnostics;
using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Losses;
using Asm.Research.Models;
using Asm.Research.Platform;
using Asm.Research.Training.Methods;
using TorchSharp;
using static TorchSharp.torch;

int threads = args.Length > 0 ? int.Parse(args[0]) : 2;
int batchSize = args.Length > 1 ? int.Parse(args[1]) : 8;
int steps = args.Length > 2 ? int.Parse(args[2]) : 16;
string? only = args.Length > 3 ? args[3] : null;
TorchRuntime.EnsureLoaded();
torch.set_num_threads(threads);
torch.manual_seed(0);
Console.WriteLine($"threads {threads}, batch {batchSize}, 128×128, {steps} timed steps; allocator: {GlibcAllocator.Describe()}");

var images = torch.randn(batchSize, 3, 128, 128);
var masks = torch.rand(batchSize, 1, 128, 128).gt(0.5).to_type(ScalarType.Float32);
using var batch = new Batch(images, masks, Enumerable.Range(0, batchSize).ToList());
var methods = (only is null ? new[] { "bce", "asm" } : [only]).Select(m => MethodRegistry.Create(ExperimentConfig.ForMethod(m), torch.CPU)).ToList();
var stepTimes = methods.ToDictionary(m => m.Name, _ => new List<double>());
for (int step = 0; step < steps + 2; step++)
    foreach (var method in methods)
    {
        var clock = Stopwatch.StartNew();
        using (NewDisposeScope()) method.Step(batch, new StepContext(step, 1000, 0.01));
        if (step >= 2) stepTimes[method.Name].Add(clock.Elapsed.TotalMilliseconds);
    }
if (only is not null)
{
    Console.WriteLine($"step, median: {only} {Median(stepTimes[only]):0} ms");
    return 0;
}
double bce = Median(stepTimes["bce"]), asm = Median(stepTimes["asm"]);
Console.WriteLine($"step, median: bce {bce:0} ms, asm {asm:0} ms, ratio {asm / bce:0.00} (A adds {asm - bce:0} ms)");

// The ASM step's phases, each timed alone on the same batch (gradients only, no optimiser step):
// S's forward + BCE backward (BCE's step without its update), A's update pass, the truth's
// features for S, and S's update through the frozen A.
var asmMethod = (AsmMethod)methods[1];
var analyzer = asmMethod.Analyzer;
var predictor = asmMethod.Predictor;
var config = ExperimentConfig.ForMethod("asm").Asm;
int deepest = config.Layers.Max();
Tensor fixedP;
using (torch.no_grad()) fixedP = torch.sigmoid(predictor.forward(images)).DetachFromDisposeScope();
double sBce = Time(SPlusBce);
double aUpdate = Time(AnalyzerPass);
double truthForS = Time(() => { using var _ = torch.no_grad(); analyzer.Run(masks, deepest, reconstruct: false); });
IReadOnlyList<Tensor> truthFeatures;
using (torch.no_grad()) truthFeatures = analyzer.Run(masks, deepest, reconstruct: false).Features.Select(f => f.DetachFromDisposeScope()).ToList();
double sUpdate;
using (new Freeze(analyzer))
    sUpdate = Time(() =>
    {
        predictor.zero_grad();
        var logits = predictor.forward(images);
        var prediction = analyzer.Run(torch.sigmoid(logits), deepest, reconstruct: false).Features;
        AsmLosses.Match(truthFeatures, prediction, config.Layers).add(BceLoss.WithLogits(logits, masks)).backward();
    });
Console.WriteLine($"phases, forward + backward, ms: S + BCE {sBce:0} | A's update pass {aUpdate:0} | truth's φ for S {truthForS:0} | " +
    $"S + A + match + BCE {sUpdate:0} (A's part {sUpdate - sBce:0})");

// The same step as AsmMethod.Step (default config), written out with a lap after each phase, to find
// what the phases above, timed alone, leave out. Medians over the timed steps.
var laps = new Dictionary<string, List<double>>();
var analyzerOptimizer = asmMethod.Optimizers["analyzer"];
var predictorOptimizer = asmMethod.Optimizers["predictor"];
for (int step = 0; step < steps + 2; step++)
{
    using var scope = NewDisposeScope();
    var clock = Stopwatch.StartNew();
    void Lap(string name)
    {
        if (step >= 2) (laps.TryGetValue(name, out var list) ? list : laps[name] = new()).Add(clock.Elapsed.TotalMilliseconds);
        clock.Restart();
    }
    var logits = predictor.forward(images);
    var p = torch.sigmoid(logits);
    Lap("S forward");
    var analyzerLoss = AnalyzerLoss(p.detach());
    Lap("A forward + losses");
    analyzerOptimizer.ZeroGrad();
    analyzerLoss.backward();
    Lap("A backward");
    analyzerOptimizer.Step(0.01);
    Lap("A optimiser");
    using (new Freeze(analyzer))
    {
        IReadOnlyList<Tensor> truthPhi;
        using (torch.no_grad()) truthPhi = analyzer.Run(masks, deepest, reconstruct: false).Features;
        Lap("truth's φ for S");
        var predictionFeatures = analyzer.Run(p, deepest, reconstruct: false).Features;
        var predictorLoss = AsmLosses.Match(truthPhi, predictionFeatures, config.Layers).add(BceLoss.WithLogits(logits, masks).mul(config.LambdaSup));
        Lap("S's φ + match + BCE");
        predictorOptimizer.ZeroGrad();
        predictorLoss.backward();
        Lap("S backward (through A)");
        predictorOptimizer.Step(0.01);
        Lap("S optimiser");
    }
    scope.Dispose();
    Lap("dispose");
}
Console.WriteLine("ASM step written out, median ms per phase: " + string.Join(" | ", laps.Select(l => $"{l.Key} {Median(l.Value):0.0}")) +
    $" | sum of medians {laps.Values.Sum(Median):0}");
// The real step again, now after the written-out one and not alternating with BCE's: if it costs more
// than the sum above, the difference is in AsmMethod.Step, not in the work both do.
var asmAlone = new List<double>();
for (int step = 0; step < steps + 2; step++)
{
    var clock = Stopwatch.StartNew();
    using (NewDisposeScope()) asmMethod.Step(batch, new StepContext(step, 1000, 0.01));
    if (step >= 2) asmAlone.Add(clock.Elapsed.TotalMilliseconds);
}
Console.WriteLine($"the real ASM step again, alone (not alternating with BCE's), median {Median(asmAlone):0} ms");

// Does work between S's forward and its backward slow the backward (S's saved activations pushed out of
// the caches)? S + BCE with, between the two, nothing | a 64 MB write and read of an unrelated tensor |
// A's update pass (on the fixed negative). The first and last differ by more than the pass itself
// if the interleaving costs time.
var sweep = torch.zeros(16L << 20);
double Interleaved(Action between) => Time(() =>
{
    predictor.zero_grad();
    var loss = BceLoss.WithLogits(predictor.forward(images), masks);
    between();
    loss.backward();
});
double nothing = Interleaved(() => { });
double memory = Interleaved(() => { using var _ = torch.no_grad(); sweep.add_(1).sum(); });
double aPass = Time(AnalyzerPass);
double withA = Interleaved(AnalyzerPass);
Console.WriteLine($"S + BCE forward, then backward, with between them: nothing {nothing:0} | 64 MB sweep {memory:0} | " +
    $"A's update pass {withA:0} (A's pass alone {aPass:0}; interleaving costs {withA - nothing - aPass:0})");

// S's forward and BCE's backward: BCE's step without its update.
void SPlusBce()
{
    predictor.zero_grad();
    BceLoss.WithLogits(predictor.forward(images), masks).backward();
}

// A's update pass on the fixed prediction: its loss, then the backward.
void AnalyzerPass()
{
    analyzer.zero_grad();
    AnalyzerLoss(fixedP).backward();
}

// A's loss as AsmMethod.Step makes it at the default config: hinge on the hard negative of the prediction
// p (no graph) against the truth, plus the truth's reconstruction.
Tensor AnalyzerLoss(Tensor p)
{
    var negative = p.gt(0.5).to_type(p.dtype);
    var truth = analyzer.Run(masks, StructureAnalyzer.FeatureCount, reconstruct: true);
    var negativeFeatures = analyzer.Run(negative, deepest, reconstruct: false);
    return AsmLosses.Hinge(truth.Features, negativeFeatures.Features, config.Layers, config.Margin).mul(config.LambdaAdv)
        .add(AsmLosses.Reconstruction(truth.Reconstruction!, masks).mul(config.LambdaRec));
}

// A's own 3×3 convolutions (φ₁…φ₉), each timed on a copy of the input it gets in a forward pass.
var convolutionInputs = new List<(TorchSharp.Modules.Conv2d Conv, Tensor Input)>();
var hooks = analyzer.named_modules().Select(m => m.module).OfType<TorchSharp.Modules.Conv2d>()
    .Where(conv => conv.weight!.shape[2] == 3)
    .Select(conv => conv.register_forward_hook((_, input, output) =>
    {
        convolutionInputs.Add((conv, input.detach().clone().DetachFromDisposeScope()));
        return output;
    }))
    .ToList();
using (torch.no_grad()) analyzer.forward(masks);
foreach (var hook in hooks) hook.remove();
Console.WriteLine("analyzer convolution (in→out channels @ input side, stride): forward | forward + backward (weights; input unless 1 channel) | forward + input gradient, ms");
List<double> convolutionForward = [], convolutionBoth = [], convolutionInputOnly = [];
foreach (var (conv, x) in convolutionInputs)
{
    long cin = x.shape[1], cout = conv.weight!.shape[0];
    double forward = Time(() => { using var _ = torch.no_grad(); conv.call(x); });
    double both = Time(() => { var input = x.clone().requires_grad_(cin > 1); conv.zero_grad(); conv.call(input).sum().backward(); });
    // S's update needs the input gradient of every one of them, the first (1-channel) included; A's own
    // update needs it of all but the first.
    double inputOnly = Time(() =>
    {
        using var _ = new Freeze(conv);
        conv.call(x.clone().requires_grad_(true)).sum().backward();
    });
    Console.WriteLine($"  {cin,3}→{cout,-3} @{x.shape[2],-3} s{conv.stride[0]}: {forward,6:0.0} | {both,6:0.0} | input gradient only {inputOnly,6:0.0}");
    convolutionForward.Add(forward);
    convolutionBoth.Add(both);
    convolutionInputOnly.Add(inputOnly);
}

// A's update pass accounted for by kind of work: every operation it runs, each alone at its shape,
// forward + backward against a random upstream gradient, summed per kind and set beside the pass.
IReadOnlyList<Tensor> phis;
using (torch.no_grad()) phis = analyzer.Run(masks, StructureAnalyzer.FeatureCount, reconstruct: true).Features.Select(f => f.DetachFromDisposeScope()).ToList();
long[] Spatial(Tensor like, long channels) => [like.shape[0], channels, like.shape[2], like.shape[3]];
Tensor ResizeLike(Tensor x, long[] like) => nn.functional.interpolate(x, size: [like[2], like[3]], mode: InterpolationMode.Bilinear, align_corners: false);
// The truth's full pass: 9 ReLUs, 4 decoder resizes and concatenations, the 1×1 reconstruction conv, its
// resize and BCE; the negative's φ₁–φ₂: φ₁'s ReLU; the hinge.
double relus = phis.Sum(f => ForwardBackward(t => nn.functional.relu(t[0]), f.shape)) + ForwardBackward(t => nn.functional.relu(t[0]), phis[0].shape);
// The resizes as the analyzer runs them (ATen's bilinear kernel; two matrix products instead were tried and
// not kept, docs/PERFORMANCE.md).
double resizes = Enumerable.Range(0, 4).Select(j => (From: phis[5 + j].shape, To: phis[3 - j].shape))
    .Append((From: Spatial(phis[0], 1), To: masks.shape))
    .Sum(r => ForwardBackward(t => ResizeLike(t[0], r.To), r.From));
double concatenations = 0;
for (int j = 0; j < 4; j++)
    concatenations += ForwardBackward(t => torch.cat([t[0], t[1]], 1), phis[3 - j].shape, Spatial(phis[3 - j], phis[5 + j].shape[1]));
var reconstructConv = analyzer.named_modules().Select(m => m.module).OfType<TorchSharp.Modules.Conv2d>().Single(c => c.weight!.shape[2] == 1);
long[] lastConcat = Spatial(phis[0], 2 * phis[0].shape[1]);
double reconstruction = ForwardBackward(t => reconstructConv.call(t[0]), lastConcat)
    + ForwardBackward(t => BceLoss.WithLogits(t[0], masks), masks.shape);
double hingeWork = ForwardBackward(t => AsmLosses.Hinge([t[0], t[1]], [t[2], t[3]], config.Layers, config.Margin), phis[0].shape, phis[1].shape, phis[0].shape, phis[1].shape);
// Convolutions as A's pass runs them: all 9 on the truth, φ₁ and φ₂ again on the negative.
double convolutions = convolutionBoth.Sum() + convolutionBoth[0] + convolutionBoth[1];
double parts = convolutions + relus + resizes + concatenations + reconstruction + hingeWork;
double pass = Time(AnalyzerPass);
Console.WriteLine($"A's update pass, each kind of work alone, forward + backward, ms: 3×3 convolutions {convolutions:0.0} | ReLUs {relus:0.0} | " +
    $"5 resizes {resizes:0.0} | 4 concatenations {concatenations:0.0} | reconstruction's 1×1 conv + BCE {reconstruction:0.0} | " +
    $"normalisation + hinge {hingeWork:0.0} | sum {parts:0.0}; the pass {pass:0.0} (left for autograd and the rest {pass - parts:0.0})");
// The ratio's floor at these convolution speeds: BCE's step plus only the convolutions ASM adds (A's pass as
// above; for S's update the truth's φ₁–φ₂ forward and the prediction's forward + input gradient), as if every
// other operation ASM adds cost nothing.
double sSideConvolutions = convolutionForward[0] + convolutionForward[1] + convolutionInputOnly[0] + convolutionInputOnly[1];
Console.WriteLine($"ASM's added convolutions: A's pass {convolutions:0.0} + S's update {sSideConvolutions:0.0} ms; " +
    $"with nothing else added, the ratio would be {(bce + convolutions + sSideConvolutions) / bce:0.00} (measured {asm / bce:0.00})");

// How each part scales from 1 thread to the run's: A's many small operations may not split across cores
// as S's large ones do (ATen runs an element-wise kernel of fewer than 32768 elements on one thread).
if (threads > 1)
{
    torch.set_num_threads(1);
    double sBceOne = Time(SPlusBce, 4);
    double passOne = Time(AnalyzerPass, 4);
    torch.set_num_threads(threads);
    double sBceMany = Time(SPlusBce, 4);
    double passMany = Time(AnalyzerPass, 4);
    Console.WriteLine($"1 thread → {threads}, ms: S + BCE {sBceOne:0} → {sBceMany:0} ({sBceOne / sBceMany:0.00}×) | " +
        $"A's update pass {passOne:0} → {passMany:0} ({passOne / passMany:0.00}×)");
}
// φ₁ and φ₂ as the default analyzer makes them at 128×128.
var phi1 = torch.randn(batchSize, convolutionInputs[1].Input.shape[1], 64, 64);
var phi2 = torch.randn(batchSize, convolutionInputs[2].Input.shape[1], 32, 32);
double library = Time(() => NormalisedDistance(f => FeatureNormalization.L2AcrossChannels(f)));
double fNormalize = Time(() => NormalisedDistance(f => nn.functional.normalize(f, p: 2, dim: 1, eps: 1e-12)));
Console.WriteLine($"normalise φ₁, φ₂ of two inputs + distance, forward + backward: library {library:0.0} ms, F.normalize {fNormalize:0.0} ms");
foreach (var method in methods) method.Dispose();
return 0;

void NormalisedDistance(Func<Tensor, Tensor> normalise)
{
    Tensor total = torch.zeros(1);
    foreach (var phi in new[] { phi1, phi2 })
    {
        var a = phi.clone().requires_grad_(true);
        total = total + (normalise(a) - normalise(phi.flip(0))).pow(2).sum(1).mean();
    }
    total.backward();
}

// Forward + backward of op on fresh leaves of the given shapes, against a random upstream gradient.
double ForwardBackward(Func<Tensor[], Tensor> op, params long[][] shapes)
{
    var inputs = shapes.Select(shape => torch.randn(shape)).ToArray();
    Tensor? upstream = null;
    return Time(() =>
    {
        var leaves = inputs.Select(t => t.detach().requires_grad_(true)).ToArray();
        var output = op(leaves);
        upstream ??= torch.randn(output.shape).DetachFromDisposeScope();
        torch.autograd.backward([output], [upstream]);
    });
}

double Time(Action body, int repeats = 10)
{
    var times = new List<double>();
    for (int i = 0; i < repeats + 2; i++)
    {
        var clock = Stopwatch.StartNew();
        using (NewDisposeScope()) body();
        if (i >= 2) times.Add(clock.Elapsed.TotalMilliseconds);
    }
    return Median(times);
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}
