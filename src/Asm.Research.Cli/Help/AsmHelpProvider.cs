using Asm.Research.Training.Methods;
using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Help;
using Spectre.Console.Rendering;

namespace Asm.Research.Cli.Help;

/// <summary>
/// Spectre's help with the kit's additions: command lists show only the first line of each
/// command's description (its page shows all of it), and the top-level help ends with the
/// registry's methods and the notes on --set keys and the malloc relaunch.
/// </summary>
internal sealed class AsmHelpProvider(ICommandAppSettings settings) : HelpProvider(settings)
{
    /// <summary>The notes at the end of <c>asm --help</c>.</summary>
    internal const string Notes = """
        Keys for --set: see README (e.g. asm.margin=0.5, asm.layers=1,2,3, optimizer.learningRate=0.01).
        On Linux, train, eval, compare and bench run as a child process with tuned glibc malloc settings (faster steps);
        ASM_ALLOCATOR=default, or your own GLIBC_TUNABLES, keeps it in this process as is.
        Exit codes: 0 success, 2 bad arguments or bad data (the message on stderr names the flag or file), 1 anything else.
        """;

    /// <inheritdoc/>
    public override IEnumerable<IRenderable> GetCommands(ICommandModel model, ICommandInfo? command)
    {
        var commands = (command ?? (ICommandContainer)model).Commands.Where(c => !c.IsHidden).ToList();
        if (commands.Count == 0) yield break;
        yield return new Text("\nCOMMANDS:\n");
        var grid = new Grid();
        grid.AddColumn(new GridColumn { Padding = new Padding(4, 0, 4, 0), NoWrap = true });
        grid.AddColumn(new GridColumn { Padding = new Padding(0, 0) });
        foreach (var child in commands)
        {
            string arguments = string.Concat(child.Parameters.OfType<ICommandArgument>().Where(a => a.IsRequired).Select(a => $" <{a.Value}>"));
            grid.AddRow(new Text(child.Name + arguments), new Text(FirstLine(child.Description)));
        }
        yield return grid;
    }

    /// <inheritdoc/>
    public override IEnumerable<IRenderable> GetFooter(ICommandModel model, ICommandInfo? command)
    {
        if (command is not null) yield break;
        yield return new Text("\nMETHODS:\n");
        var grid = new Grid();
        grid.AddColumn(new GridColumn { Padding = new Padding(4, 0, 4, 0), NoWrap = true });
        grid.AddColumn(new GridColumn { Padding = new Padding(0, 0) });
        foreach (var method in MethodRegistry.All) grid.AddRow(new Text(method.Name), new Text(method.Description));
        yield return grid;
        yield return new Text($"\n{Notes}\n");
    }

    // A description's summary: its first line, without the full stop Spectre trims elsewhere.
    private static string FirstLine(string? description) =>
        description is null ? " " : description.Split('\n')[0].Trim().TrimEnd('.');
}
