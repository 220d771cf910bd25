using static TorchSharp.torch;

namespace Asm.Research.Metrics.Classes;

/// <summary>
/// Accumulates multi-class scores image by image: a confusion matrix pooled over all pixels, and
/// per-class boundary F averaged over the images where each class is defined.
/// </summary>
public sealed class ClassScoreAccumulator
{
    private readonly string[] _names;
    private readonly (int A, int B)[] _pairs;
    private readonly int _tolerance;
    private readonly ConfusionMatrix _confusion;
    // Per class: sum of the per-image boundary F and the number of images where it was defined.
    private readonly double[] _boundarySums;
    private readonly int[] _boundaryImages;

    /// <summary>An empty accumulator.</summary>
    /// <param name="classNames">One distinct, non-empty name per class, in label order (2…254 classes).</param>
    /// <param name="pairs">Class pairs (a ≠ b) whose contextual confusion the summary reports.</param>
    /// <param name="tolerancePixels">Boundary F tolerance τ ≥ 0.</param>
    /// <exception cref="ArgumentException">Bad names, class count, pair or tolerance.</exception>
    public ClassScoreAccumulator(IReadOnlyList<string> classNames, IReadOnlyList<(int A, int B)> pairs, int tolerancePixels = 2)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentOutOfRangeException.ThrowIfNegative(tolerancePixels);
        _names = classNames.ToArray();
        LabelMaps.CheckClasses(_names.Length, nameof(classNames));
        if (_names.Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException("Every class needs a non-empty name.", nameof(classNames));
        if (_names.Distinct(StringComparer.Ordinal).Count() != _names.Length)
            throw new ArgumentException($"Class names must be distinct; got {string.Join(", ", _names)}.", nameof(classNames));
        foreach (var (a, b) in pairs)
        {
            if (a < 0 || a >= _names.Length || b < 0 || b >= _names.Length)
                throw new ArgumentException($"Pair ({a}, {b}) names a class outside 0…{_names.Length - 1}.", nameof(pairs));
            if (a == b)
                throw new ArgumentException($"Pair ({a}, {b}) pairs a class with itself.", nameof(pairs));
        }
        _pairs = pairs.ToArray();
        _tolerance = tolerancePixels;
        _confusion = new ConfusionMatrix(_names.Length);
        _boundarySums = new double[_names.Length];
        _boundaryImages = new int[_names.Length];
    }

    /// <summary>Images added so far.</summary>
    public int Images { get; private set; }

    /// <summary>
    /// Adds one image: H×W predicted labels 0…C−1 and true labels 0…C−1 or 255 (void).
    /// </summary>
    /// <exception cref="ArgumentException">Bad shapes or labels (see <see cref="ConfusionMatrix.Add(Tensor, Tensor)"/>).</exception>
    public void Add(Tensor predicted, Tensor truth)
    {
        using var scope = NewDisposeScope();
        // Validate once; both parts take the checked maps. Nothing is updated if the input is bad.
        var (p, t) = LabelMaps.Prepare(predicted, truth, _names.Length, image: true);
        var f = ClassBoundaryF.ScorePrepared(p, t, _names.Length, _tolerance);
        _confusion.AddPrepared(p, t);
        for (int c = 0; c < f.Length; c++)
            if (f[c] is double value)
            {
                _boundarySums[c] += value;
                _boundaryImages[c]++;
            }
        Images++;
    }

    /// <summary>Mean IoU over the classes with a defined IoU (pooled confusion matrix).</summary>
    public double MeanIou() => _confusion.MeanIou();

    /// <summary>Pooled pixel accuracy.</summary>
    public double PixelAccuracy() => _confusion.PixelAccuracy();

    /// <summary>Mean class accuracy over the classes with truth pixels.</summary>
    public double MeanClassAccuracy() => _confusion.MeanClassAccuracy();

    /// <summary>Frequency-weighted IoU.</summary>
    public double FrequencyWeightedIou() => _confusion.FrequencyWeightedIou();

    /// <summary>Per-class boundary F averaged over the images where it is defined; null if never.</summary>
    public double?[] BoundaryF() =>
        Enumerable.Range(0, _names.Length).Select(c => _boundaryImages[c] == 0 ? (double?)null : _boundarySums[c] / _boundaryImages[c]).ToArray();

    /// <summary>Mean over classes of <see cref="BoundaryF"/>, classes never defined left out; NaN if none is.</summary>
    public double MeanBoundaryF() => ConfusionMatrix.Mean(BoundaryF());

    /// <summary>All per-class scores, the confusion matrix and the requested pairs.</summary>
    /// <exception cref="InvalidOperationException">No image was added.</exception>
    public ClassScores Summary()
    {
        if (Images == 0)
            throw new InvalidOperationException("No images were scored: add at least one prediction before asking for a summary.");
        var pairs = _pairs.Select(p => new ConfusionPairScore(_names[p.A], _names[p.B], _confusion.ConfusionShare(p.A, p.B), _confusion.ConfusionShare(p.B, p.A))).ToArray();
        return new ClassScores(_names.ToArray(), _confusion.ClassIou(), _confusion.ClassAccuracy(), BoundaryF(),
            _confusion.ToArray(), pairs, _confusion.OffDiagonalShare());
    }
}
