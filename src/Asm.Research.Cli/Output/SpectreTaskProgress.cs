using Asm.Research.Training;
using Spectre.Console;

namespace Asm.Research.Cli.Output;

/// <summary>Feeds one task of <see cref="ProgressLine.Display"/>; the description is re-fitted to the terminal's width at every report (it can be resized).</summary>
/// <param name="task">The display's task.</param>
/// <param name="label">The run's label, e.g. "asm+bce seed 0".</param>
/// <param name="width">The terminal's width now (default: the console's).</param>
public sealed class SpectreTaskProgress(ProgressTask task, string label, Func<int>? width = null) : IProgress<TrainingProgress>
{
    private readonly Func<int> _width = width ?? (() => AnsiConsole.Profile.Width);

    /// <inheritdoc/>
    public void Report(TrainingProgress value)
    {
        if (!task.IsStarted) task.StartTask();
        task.Value = value.Fraction;
        task.Description = TerminalText.Markup(ProgressLine.Describe(label, value, ProgressLine.DescriptionWidth(_width())));
        if (value.Step == value.TotalSteps) task.StopTask();
    }
}
