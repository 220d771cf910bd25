using System.Text.Json.Nodes;

namespace Asm.Research.Sweeps;

/// <summary>
/// A Kubernetes Indexed Job for a sweep (<c>completionMode: Indexed</c>, one completion per run),
/// preceded by a ConfigMap holding the sweep file, so that <c>kubectl apply -f</c> of the printed text is
/// all it takes. The output root is a PersistentVolumeClaim mounted in every pod; each pod runs
/// <c>asm sweep run</c> with its <c>JOB_COMPLETION_INDEX</c>, so a pod that is evicted or restarted
/// resumes its run from the last checkpoint and a complete run is skipped.
/// </summary>
public static class KubernetesManifest
{
    /// <summary>Where each pod mounts the volume claim that holds the runs.</summary>
    public const string RunsMount = "/runs";
    /// <summary>Where each pod finds the sweep file (from the ConfigMap).</summary>
    public const string SweepMount = "/etc/asm-sweep";

    /// <summary>The manifest as a JSON tree per document: the ConfigMap, then the Job.</summary>
    public static IReadOnlyList<JsonObject> Documents(SweepFile sweep, string sweepText, string image, string claim, SchedulerOptions options)
    {
        if (sweep.Runs.Count == 0) throw new SweepException($"{sweep.Path}: the sweep has no runs");
        string name = ResourceName(sweep.Name);
        string fileName = Path.GetFileName(sweep.Path);
        string root = options.Root ?? $"{RunsMount}/{name}";
        int parallel = Math.Min(options.Parallel ?? sweep.Runs.Count, sweep.Runs.Count);

        var command = new JsonArray([.. options.Asm.Select(a => JsonValue.Create(Verbatim(a))),
            "sweep", "run", Verbatim($"{SweepMount}/{fileName}"), "--root", Verbatim(root), "--index", "$(JOB_COMPLETION_INDEX)", "--threads", options.Cpus.ToString()]);
        var resources = new JsonObject { ["cpu"] = options.Cpus.ToString() };
        if (options.Memory is { } memory) resources["memory"] = memory;
        var limits = resources.DeepClone().AsObject();
        if (options.Gpus is { } gpus) limits["nvidia.com/gpu"] = gpus.ToString();

        var configMap = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = $"{name}-sweep" },
            ["data"] = new JsonObject { [fileName] = sweepText },
        };
        var job = new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "Job",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["app.kubernetes.io/name"] = "asm-sweep" } },
            ["spec"] = new JsonObject
            {
                ["completionMode"] = "Indexed",
                ["completions"] = sweep.Runs.Count,
                ["parallelism"] = parallel,
                // A pod that fails is retried; a run that keeps failing keeps its message in failed.json.
                ["backoffLimit"] = Math.Max(6, 2 * sweep.Runs.Count),
                ["template"] = new JsonObject
                {
                    ["spec"] = new JsonObject
                    {
                        ["restartPolicy"] = "Never",
                        ["containers"] = new JsonArray(new JsonObject
                        {
                            ["name"] = "asm",
                            ["image"] = image,
                            ["command"] = command,
                            ["env"] = new JsonArray(new JsonObject
                            {
                                // Set by the Job controller too; declared so that $(JOB_COMPLETION_INDEX) expands everywhere.
                                ["name"] = SweepIndex.KubernetesVariable,
                                ["valueFrom"] = new JsonObject { ["fieldRef"] = new JsonObject { ["fieldPath"] = "metadata.annotations['batch.kubernetes.io/job-completion-index']" } },
                            }),
                            ["resources"] = new JsonObject { ["requests"] = resources, ["limits"] = limits },
                            ["volumeMounts"] = new JsonArray(
                                new JsonObject { ["name"] = "runs", ["mountPath"] = RunsMount },
                                new JsonObject { ["name"] = "sweep", ["mountPath"] = SweepMount, ["readOnly"] = true }),
                        }),
                        ["volumes"] = new JsonArray(
                            new JsonObject { ["name"] = "runs", ["persistentVolumeClaim"] = new JsonObject { ["claimName"] = claim } },
                            new JsonObject { ["name"] = "sweep", ["configMap"] = new JsonObject { ["name"] = $"{name}-sweep" } }),
                    },
                },
            },
        };
        return [configMap, job];
    }

    /// <summary>The manifest as YAML: the documents separated by <c>---</c>.</summary>
    public static string Render(SweepFile sweep, string sweepText, string image, string claim, SchedulerOptions options) =>
        string.Join("---\n", Documents(sweep, sweepText, image, claim, options).Select(YamlWriter.Write));

    // Kubernetes expands $(NAME) in a container's command from its environment and reads $$ as '$':
    // a value the user gave reaches the program as typed only with every '$' doubled.
    private static string Verbatim(string value) => value.Replace("$", "$$");

    /// <summary>A DNS-1123 name from the sweep's name: lower-case letters, digits and '-', at most 52 characters (room for suffixes).</summary>
    public static string ResourceName(string sweepName)
    {
        var chars = ("asm-" + sweepName).ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        string name = new string(chars).Trim('-');
        while (name.Contains("--")) name = name.Replace("--", "-");
        return name.Length <= 52 ? name : name[..52].TrimEnd('-');
    }
}
