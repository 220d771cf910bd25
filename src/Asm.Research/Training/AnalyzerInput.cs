namespace Asm.Research.Training;

/// <summary>
/// The three label maps the structure analyzer A reads for one sample (DESIGN.md), as the task's head makes them in
/// training: the truth y, S's prediction map p and the hard negative n. Each is K×H×W floats, channel-major and
/// row-major: K = 1 for a binary task (y, σ(z), 1[σ(z) &gt; 0.5]); K = C for a multi-class one (one-hot(y), softmax(z),
/// one-hot(argmax z)), every map a zero vector at void pixels.
/// </summary>
/// <param name="Truth">y.</param>
/// <param name="Prediction">p.</param>
/// <param name="HardNegative">n.</param>
/// <param name="Channels">K.</param>
/// <param name="Height">H, the working height.</param>
/// <param name="Width">W, the working width.</param>
public sealed record AnalyzerInput(float[] Truth, float[] Prediction, float[] HardNegative, int Channels, int Height, int Width);
