using Asm.Research.Configuration;
using Asm.Research.Data;
using Asm.Research.Losses;

namespace Asm.Research.Training;

/// <summary>Cross-entropy's class weights as <see cref="LossConfig.ClassWeighting"/> asks: none, given, or median frequency of the training split.</summary>
public static class ClassWeightResolver
{
    /// <summary>
    /// The weights for <paramref name="data"/>'s task, or null for none (and for binary data). Median frequency
    /// counts the training split's labels at working size (what S is trained on), void left out.
    /// </summary>
    /// <exception cref="ConfigException">Given weights whose count is not the class count.</exception>
    public static double[]? Resolve(LossConfig loss, SegmentationDataset data)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Task.IsBinary) return null;
        return loss.ClassWeighting switch
        {
            ClassWeighting.None => null,
            ClassWeighting.Given => loss.ClassWeights.Length == data.Task.ClassCount ? loss.ClassWeights
                : throw new ConfigException($"loss.classWeights has {loss.ClassWeights.Length} weight(s); the data has {data.Task.ClassCount} classes"),
            ClassWeighting.MedianFrequency => ClassFrequencyWeights.MedianFrequency(
                data.Train.Select(s => Array.ConvertAll(s.Mask, v => (byte)v)), data.Task.ClassCount),
            _ => throw new ConfigException($"loss.classWeighting = {loss.ClassWeighting}: unknown"),
        };
    }
}
