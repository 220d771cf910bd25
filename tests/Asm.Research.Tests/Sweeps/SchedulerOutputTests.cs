using System.Text.Json.Nodes;
using Asm.Research.Sweeps;

namespace Asm.Research.Tests.Sweeps;

public sealed class SchedulerOutputTests
{
    private const string Text = """{"name": "My Study", "root": "out", "seeds": [0, 1, 2], "axes": [{"method": ["bce", "asm+bce"]}], "base": {"set": ["data.size=32"]}}""";
    private static readonly SweepFile Sweep = SweepFile.Parse(Text, "/shared/sweeps/study.json");

    [Fact]
    public void The_sbatch_script_has_one_requeueable_array_task_per_run_threads_from_cpus_and_a_log_per_task()
    {
        string script = SlurmScript.Render(Sweep, new SchedulerOptions
        {
            Asm = ["dotnet", "/opt/asm kit/asm.dll"], Cpus = 4, Parallel = 2, Partition = "gpu", Time = "02:00:00", Memory = "8G", Gpus = 1,
        });
        var lines = script.Split('\n');
        Assert.Equal("#!/bin/bash", lines[0]);
        Assert.Contains("#SBATCH --array=0-5%2", lines);
        Assert.Contains("#SBATCH --requeue", lines);
        Assert.Contains("#SBATCH --cpus-per-task=4", lines);
        Assert.Contains("#SBATCH --output=/shared/sweeps/out/slurm-logs/%A_%a.out", lines);
        Assert.Contains("#SBATCH --partition=gpu", lines);
        Assert.Contains("#SBATCH --time=02:00:00", lines);
        Assert.Contains("#SBATCH --mem=8G", lines);
        Assert.Contains("#SBATCH --gpus=1", lines);
        Assert.Contains("#SBATCH --job-name=asm-My-Study", lines);
        // The command: the given asm, quoted for the shell, with the task's index and threads = its CPUs.
        Assert.Contains("exec dotnet '/opt/asm kit/asm.dll' sweep run /shared/sweeps/study.json --index \"$SLURM_ARRAY_TASK_ID\" --threads \"$SLURM_CPUS_PER_TASK\"", lines);
        // sbatch reads #SBATCH lines only before the first command.
        int firstCommand = Array.FindIndex(lines, l => l.Length > 0 && !l.StartsWith('#'));
        Assert.DoesNotContain(lines.Skip(firstCommand), l => l.StartsWith("#SBATCH"));
    }

    [Fact]
    public void Without_options_the_script_has_no_partition_time_mem_or_gpus_and_runs_all_tasks_at_once()
    {
        string script = SlurmScript.Render(Sweep, new SchedulerOptions { Asm = ["/opt/asm/asm"] });
        Assert.Contains("#SBATCH --array=0-5%6\n", script);
        Assert.Contains("#SBATCH --cpus-per-task=1\n", script);
        foreach (var absent in new[] { "--partition", "--time", "--mem", "--gpus" }) Assert.DoesNotContain($"#SBATCH {absent}", script);
        Assert.Contains("exec /opt/asm/asm sweep run", script);
    }

    [Fact]
    public void The_kubernetes_manifest_is_an_indexed_job_over_the_runs_with_the_sweep_file_and_a_shared_volume()
    {
        var options = new SchedulerOptions { Asm = ["asm"], Cpus = 2, Parallel = 3, Memory = "4Gi", Gpus = 1 };
        string yaml = KubernetesManifest.Render(Sweep, Text, "registry.example/asm:1.0", "study-runs", options);
        var documents = YamlSubset.Documents(yaml);

        // The YAML is exactly the tree the kit built (what kubectl will read).
        var built = KubernetesManifest.Documents(Sweep, Text, "registry.example/asm:1.0", "study-runs", options);
        Assert.Equal(built.Count, documents.Count);
        for (int i = 0; i < built.Count; i++) Assert.True(JsonNode.DeepEquals(built[i], documents[i]), $"document {i} does not read back as written:\n{yaml}");

        var configMap = documents[0];
        Assert.Equal("ConfigMap", (string?)configMap["kind"]);
        Assert.Equal(Text, (string?)configMap["data"]!["study.json"]);

        var job = documents[1];
        Assert.Equal("batch/v1", (string?)job["apiVersion"]);
        Assert.Equal("Job", (string?)job["kind"]);
        Assert.Equal("asm-my-study", (string?)job["metadata"]!["name"]);
        var spec = job["spec"]!;
        Assert.Equal("Indexed", (string?)spec["completionMode"]);
        Assert.Equal(6, (int)spec["completions"]!);
        Assert.Equal(3, (int)spec["parallelism"]!);
        var pod = spec["template"]!["spec"]!;
        var container = pod["containers"]![0]!;
        Assert.Equal("registry.example/asm:1.0", (string?)container["image"]);
        var command = container["command"]!.AsArray().Select(c => (string)c!).ToList();
        Assert.Equal(["asm", "sweep", "run", "/etc/asm-sweep/study.json", "--root", "/runs/asm-my-study", "--index", "$(JOB_COMPLETION_INDEX)", "--threads", "2"], command);
        Assert.Equal("JOB_COMPLETION_INDEX", (string?)container["env"]![0]!["name"]);
        Assert.Equal("1", (string?)container["resources"]!["limits"]!["nvidia.com/gpu"]);
        Assert.Equal("2", (string?)container["resources"]!["requests"]!["cpu"]);
        var volumes = pod["volumes"]!.AsArray();
        Assert.Equal("study-runs", (string?)volumes.Single(v => (string?)v!["name"] == "runs")!["persistentVolumeClaim"]!["claimName"]);
        Assert.Equal("asm-my-study-sweep", (string?)volumes.Single(v => (string?)v!["name"] == "sweep")!["configMap"]!["name"]);
        var mounts = container["volumeMounts"]!.AsArray();
        Assert.Equal("/runs", (string?)mounts.Single(m => (string?)m!["name"] == "runs")!["mountPath"]);
    }

    [Theory]
    [InlineData("My Study!", "asm-my-study")]
    [InlineData("--a__b--", "asm-a-b")]
    public void Kubernetes_names_are_dns_labels(string sweepName, string expected) =>
        Assert.Equal(expected, KubernetesManifest.ResourceName(sweepName));
}
