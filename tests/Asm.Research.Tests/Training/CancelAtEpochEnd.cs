using Asm.Research.Training;

namespace Asm.Research.Tests.Training;

/// <summary>Cancels a run when an epoch ends, as Ctrl+C at that moment would.</summary>
internal sealed class CancelAtEpochEnd(int epoch, CancellationTokenSource cancellation) : ITrainingCallback
{
    public void OnEpochEnd(Experiment experiment, EpochRecord record)
    {
        if (record.Epoch == epoch) cancellation.Cancel();
    }
}
