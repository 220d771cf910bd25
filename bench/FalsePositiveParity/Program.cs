// Checks a trained run for the "dotted grid" seen in short ASM runs: its predictor's false positives on
// the test split, split by pixel parity (row % 2, column % 2), and, for ASM runs, how well the analyzer
// reconstructs the test masks. A stride-2 analyzer sends S gradients that differ between even and odd
// pixels; a grid would show as one parity class with far more (and isolated) false positives.
//
//   dotnet run --project bench/FalsePositiveParity -c Release -- <run or checkpoint folder> <data folder>
using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Platform;
using Asm.Research.Training;
using Asm.Research.Training.Checkpoints;
using Asm.Research.Training.Methods;
using Asm.Research.Visuals;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: FalsePositiveParity <run or checkpoint folder> <data folder|synthetic>");
    return 2;
}
TorchRuntime.EnsureLoaded();
TorchSharp.torch.set_num_threads(1);
Experiment experiment;
SegmentationDataset data;
try
{
    experiment = Checkpoint.Load(args[0]);
    data = DataSources.Load(experiment.Config.Data with { Source = args[1] });
}
catch (Exception e) when (e is ConfigException or DataException or CheckpointException)
{
    // The library's messages already name the file or key; a stack trace would hide them.
    Console.Error.WriteLine(e.Message);
    return 2;
}
using var _ = experiment;
var probabilities = experiment.Predict(data.Test);

var falsePositives = new long[4];
var negatives = new long[4];
var isolated = new long[4];
for (int i = 0; i < data.Test.Count; i++)
{
    var sample = data.Test[i];
    int n = sample.Width; // the synthetic horses are square
    bool Foreground(int r, int c) => r >= 0 && r < n && c >= 0 && c < n && probabilities[i][r * n + c] > 0.5f;
    for (int r = 0; r < n; r++)
        for (int c = 0; c < n; c++)
        {
            if (sample.Mask[r * n + c] > 0.5f) continue;
            int parity = (r % 2) * 2 + c % 2;
            negatives[parity]++;
            if (!Foreground(r, c)) continue;
            falsePositives[parity]++;
            bool alone = true;
            for (int dr = -1; dr <= 1; dr++)
                for (int dc = -1; dc <= 1; dc++)
                    if ((dr != 0 || dc != 0) && Foreground(r + dr, c + dc)) alone = false;
            if (alone) isolated[parity]++;
        }
}
Console.WriteLine($"{args[0]}: false-positive rate by (row%2, col%2): " + string.Join(", ", Enumerable.Range(0, 4).Select(k =>
    $"({k / 2},{k % 2}) {100.0 * falsePositives[k] / negatives[k]:0.00}% [{isolated[k]} isolated]")));

if (experiment.Method is AsmMethod asm)
{
    var check = AnalyzerViews.Reconstruction(asm.Analyzer, data.Test, experiment.Device);
    Console.WriteLine($"analyzer reconstruction of the {data.Test.Count} test masks: mean IoU {check.MeanIou:0.000}");
}
return 0;
