using Asm.Research.Training;
using Spectre.Console;

namespace Asm.Research.Cli.Output;

/// <summary>
/// Shows long work: a Spectre.Console progress bar for people, or (with --json, where stdout is
/// reserved for the result) one plain line per epoch on stderr.
/// </summary>
public sealed class Reporter(bool json)
{
    /// <summary>True when results go out as JSON.</summary>
    public bool Json { get; } = json;

    /// <summary>
    /// A note for the user (stderr in JSON mode, so stdout stays machine-readable). Names from records and
    /// files reach it, so control characters are replaced (<see cref="TerminalText"/>).
    /// </summary>
    public void Info(string message)
    {
        string plain = TerminalText.PlainLines(message);
        if (Json) Console.Error.WriteLine(plain);
        else AnsiConsole.MarkupLine($"[grey]{Markup.Escape(plain)}[/]");
    }

    /// <summary>Runs <paramref name="work"/> with one progress task per label, each fed through its <see cref="IProgress{T}"/>.</summary>
    public T Track<T>(IReadOnlyList<string> labels, Func<Func<int, IProgress<TrainingProgress>>, T> work)
    {
        if (Json) return work(i => new EpochLinePrinter(labels[i]));
        T result = default!;
        ProgressLine.Display(AnsiConsole.Console).Start(context =>
        {
            var tasks = labels.Select(label => context.AddTask(TerminalText.Markup(label), autoStart: false, maxValue: 1)).ToList();
            result = work(i => new SpectreTaskProgress(tasks[i], labels[i]));
        });
        return result;
    }

    private sealed class EpochLinePrinter(string label) : IProgress<TrainingProgress>
    {
        private int _lastEpoch;

        public void Report(TrainingProgress p)
        {
            // One line when an epoch's first step lands: enough to see a long run is alive.
            if (p.Epoch == _lastEpoch) return;
            _lastEpoch = p.Epoch;
            string losses = string.Join(" ", p.Losses.Select(kv => $"{kv.Key}={kv.Value:0.0000}"));
            string test = p.LastTest is null ? "" : $" last_test_{p.LastTest.HeadlineName.ToLowerInvariant()}={p.LastTest.Headline:0.0000}";
            Console.Error.WriteLine($"[{TerminalText.Plain(label)}] epoch {p.Epoch}/{p.Epochs} step {p.Step}/{p.TotalSteps} {losses} {p.ImagesPerSecond:0.0} img/s eta {p.Remaining:hh\\:mm\\:ss}{test}");
        }
    }
}
