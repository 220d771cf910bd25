using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace Asm.Research.Notebooks;

/// <summary>
/// The nbformat outputs of one cell, built from the kernel's events. A displayed value that is
/// updated (<see cref="DisplayedValueUpdated"/>) is replaced in place, so the saved cell shows each
/// display in its final state, as a reader expects; consecutive writes to one stream are joined.
/// </summary>
public sealed class CellOutputs
{
    private readonly List<JsonObject> _outputs = [];
    private readonly Dictionary<string, JsonObject> _byDisplayId = new(StringComparer.Ordinal);

    /// <summary>The outputs so far, in order.</summary>
    public IReadOnlyList<JsonObject> Outputs => _outputs;

    /// <summary>The error of a failed cell, if any: (name, message).</summary>
    public (string Name, string Message)? Error { get; private set; }

    /// <summary>Compiler warnings reported for the cell (e.g. CS1701), each as "id: message".</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Adds what <paramref name="e"/> shows; events that show nothing are ignored.</summary>
    public void Add(KernelEvent e, int executionCount)
    {
        
        switch (e)
        {
            case StandardOutputValueProduced o: Stream("stdout", Plain(o.FormattedValues)); break;
            case StandardErrorValueProduced o: Stream("stderr", Plain(o.FormattedValues)); break;
            case DisplayedValueUpdated u when u.ValueId is not null && _byDisplayId.TryGetValue(u.ValueId, out var shown):
                shown["data"] = Data(u.FormattedValues);
                break;
            case ReturnValueProduced r when r.FormattedValues.Count > 0:
                _outputs.Add(new JsonObject { ["output_type"] = "execute_result", ["execution_count"] = executionCount, ["data"] = Data(r.FormattedValues), ["metadata"] = new JsonObject() });
                break;
            case DisplayEvent d and (DisplayedValueProduced or DisplayedValueUpdated):
                var output = new JsonObject { ["output_type"] = "display_data", ["data"] = Data(d.FormattedValues), ["metadata"] = new JsonObject() };
                _outputs.Add(output);
                if (d.ValueId is not null) _byDisplayId[d.ValueId] = output;
                break;
            case DiagnosticsProduced diagnostics:
                foreach (var w in diagnostics.Diagnostics.Where(x => x.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Warning))
                {
                    Warnings.Add($"{w.Code}: {w.Message}");
                    Stream("stderr", $"warning {w.Code}: {w.Message}\n"); // where Jupyter shows it too
                }
                break;
            case CommandFailed failed:
                string name = failed.Exception?.GetType().Name ?? "Error";
                Error = (name, failed.Message);
                _outputs.Add(new JsonObject
                {
                    ["output_type"] = "error", ["ename"] = name, ["evalue"] = failed.Message,
                    ["traceback"] = new JsonArray((JsonNode)failed.Message),
                });
                break;
        }
    }

    private void Stream(string name, string text)
    {
        if (text.Length == 0) return;
        if (_outputs.Count > 0 && _outputs[^1]["output_type"]?.GetValue<string>() == "stream" && _outputs[^1]["name"]?.GetValue<string>() == name)
        {
            _outputs[^1]["text"] = NotebookDocument.Lines(NotebookDocument.Text(_outputs[^1]["text"]) + text);
            return;
        }
        _outputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = name, ["text"] = NotebookDocument.Lines(text) });
    }

    private static string Plain(IReadOnlyCollection<FormattedValue> values) =>
        values.FirstOrDefault(v => v.MimeType == PlainTextFormatter.MimeType)?.Value ?? values.FirstOrDefault()?.Value ?? "";

    private static JsonObject Data(IReadOnlyCollection<FormattedValue> values)
    {
        var data = new JsonObject();
        foreach (var v in values.Where(v => !v.SuppressDisplay))
            data[v.MimeType] = v.MimeType.EndsWith("json", StringComparison.Ordinal) && TryParse(v.Value) is { } json ? json : NotebookDocument.Lines(v.Value);
        return data;
    }

    private static JsonNode? TryParse(string text)
    {
        try { return JsonNode.Parse(text); }
        catch (System.Text.Json.JsonException) { return null; }
    }
}
