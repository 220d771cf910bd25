using System.Text.Json;
using System.Text.RegularExpressions;
using Asm.Research.Configuration;

namespace Asm.Research.Sweeps;

/// <summary>Reads a sweep file's JSON into its runs, naming the file and the JSON path in every error.</summary>
internal sealed partial class SweepFileReader(string path)
{
    private sealed record Setting(string? Method, IReadOnlyList<string> Sets, IReadOnlyList<string> Segments);

    public SweepFile Read(JsonElement root, string? rootOverride)
    {
        RequireObject(root, "$", ["name", "root", "base", "axes", "grids", "seeds"]);
        string name = root.TryGetProperty("name", out var n) ? String(n, "$.name") : System.IO.Path.GetFileNameWithoutExtension(path);
        string? rootText = rootOverride ?? (root.TryGetProperty("root", out var r) ? String(r, "$.root") : null);
        if (string.IsNullOrWhiteSpace(rootText)) throw Error("$.root", "the output root is required (a folder, relative to the sweep file's folder)");
        string outputRoot = System.IO.Path.GetFullPath(rootText, System.IO.Path.GetDirectoryName(path)!);
        // An overridden root is a path inside a container or on a cluster, not on this machine.
        if (rootOverride is null && Training.Output.FileInTheWay.Of(outputRoot) is { } file)
            throw Error("$.root", file == outputRoot
                ? $"the output root {outputRoot} is a file; give a folder"
                : $"{file} is a file, so the output root {outputRoot} cannot be made under it; give another folder");

        var seeds = Seeds(root);
        var top = root.TryGetProperty("base", out var b) ? Base(b, "$.base") : new Setting(null, [], []);
        bool hasAxes = root.TryGetProperty("axes", out var axes), hasGrids = root.TryGetProperty("grids", out var grids);
        if (hasAxes && hasGrids) throw Error("$", "give either \"axes\" (one grid) or \"grids\" (several), not both");

        var settings = new List<(Setting Setting, string Where)>();
        if (hasGrids)
        {
            if (grids.ValueKind != JsonValueKind.Array || grids.GetArrayLength() == 0) throw Error("$.grids", "expected a non-empty array of {\"base\", \"axes\"} objects");
            int g = 0;
            foreach (var grid in grids.EnumerateArray())
            {
                string where = $"$.grids[{g++}]";
                RequireObject(grid, where, ["base", "axes"]);
                var gridBase = grid.TryGetProperty("base", out var gb) ? Combine(top, Base(gb, $"{where}.base")) : top;
                settings.AddRange(Cross(gridBase, grid.TryGetProperty("axes", out var ga) ? ga : default, $"{where}.axes"));
            }
        }
        else
            settings.AddRange(Cross(top, hasAxes ? axes : default, "$.axes"));

        long total = (long)settings.Count * seeds.Count;
        if (total > SweepFile.MaxRuns)
            throw Error(hasGrids ? "$.grids" : "$.axes", TooMany(total));
        var runs = new List<SweepRun>();
        var byName = new Dictionary<string, (ExperimentConfig Config, string Where)>(StringComparer.Ordinal);
        var byFolder = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase); // case-insensitive: macOS and Windows volumes
        foreach (var (setting, where) in settings)
        {
            string method = setting.Method ?? throw Error(where, "no method: give \"base\": {\"method\": …} or a {\"method\": […]} axis");
            foreach (int seed in seeds)
            {
                var segments = new List<string> { method };
                segments.AddRange(setting.Segments);
                segments.Add($"seed{seed}");
                string runName = string.Join('/', segments);
                var config = Build(method, [.. setting.Sets.Select(a => ForSeed(a, seed)), $"{ConfigKeys.SeedKey}={seed}"], runName);
                if (byName.TryGetValue(runName, out var earlier))
                {
                    // The same run reached by two grids (e.g. a control row shared by two questions) is one run.
                    var differences = ConfigKeys.Differences(earlier.Config, config, earlier.Where, where);
                    if (differences.Count == 0) continue;
                    throw Error(where, $"run '{runName}' is also made by {earlier.Where} with another config ({string.Join("; ", differences)}); give one of them a \"name\"");
                }
                string folder = System.IO.Path.Combine([outputRoot, .. segments.Select(s => FolderSegment(s, where))]);
                if (byFolder.TryGetValue(folder, out var other))
                    throw Error(where, $"runs '{other}' and '{runName}' would share the folder {folder}; give one of them a \"name\"");
                byName[runName] = (config, where);
                byFolder[folder] = runName;
                runs.Add(new SweepRun(runs.Count, runName, folder, config));
            }
        }
        return new SweepFile { Path = path, Name = name, Root = outputRoot, Runs = runs };
    }

    /// <summary>
    /// An assignment for one seed's run: <c>{seed}</c> in the value becomes the seed (e.g. each run starts from
    /// its own seed's checkpoint), and a relative <c>training.initFrom</c> is taken from the sweep file's
    /// folder, as the root is, so that a run finds it from any working directory.
    /// </summary>
    private string ForSeed(string assignment, int seed)
    {
        int eq = assignment.IndexOf('=');
        string key = assignment[..eq].Trim(), value = assignment[(eq + 1)..].Trim().Replace(SeedPlaceholder, seed.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        if (key.Equals(ConfigKeys.InitFromKey, StringComparison.OrdinalIgnoreCase) && value.Length > 0 && !System.IO.Path.IsPathRooted(value))
            value = System.IO.Path.GetFullPath(value, System.IO.Path.GetDirectoryName(path)!);
        return $"{key}={value}";
    }

    /// <summary>Stands for the run's seed in a <c>set</c> value.</summary>
    public const string SeedPlaceholder = "{seed}";

    private ExperimentConfig Build(string method, IReadOnlyList<string> sets, string runName)
    {
        ExperimentConfig config;
        try
        {
            config = ExperimentConfig.ForMethod(method);
        }
        catch (Exception e) when (e is ArgumentException or ConfigException) // main's method registry throws ConfigException
        {
            throw new SweepException($"{path}: run '{runName}': {e.Message.Split(" (Parameter")[0]}");
        }
        try
        {
            // The data names the task (classes, void): a multi-class method is checked against it here, not at run time.
            return ConfigOverrides.Apply(config, sets).ForData();
        }
        catch (Exception e) when (e is ConfigException or Data.DataException)
        {
            throw new SweepException($"{path}: run '{runName}': {e.Message}");
        }
    }

    private IEnumerable<(Setting, string)> Cross(Setting start, JsonElement axes, string where)
    {
        var result = new List<Setting> { start };
        if (axes.ValueKind == JsonValueKind.Undefined) return result.Select(s => (s, where));
        if (axes.ValueKind != JsonValueKind.Array) throw Error(where, "expected an array of axes, each {\"method\": […]} or {\"set\": […]}");
        int a = 0;
        foreach (var axis in axes.EnumerateArray())
        {
            var values = Axis(axis, $"{where}[{a++}]", start);
            // Refused before the product is built: 10⁶ runs took 127 s and 5.1 GB just to list.
            if ((long)result.Count * values.Count > SweepFile.MaxRuns) throw Error(where, TooMany((long)result.Count * values.Count));
            result = (from s in result from v in values select Combine(s, v)).ToList();
        }
        return result.Select(s => (s, where));
    }

    private List<Setting> Axis(JsonElement axis, string where, Setting start)
    {
        RequireObject(axis, where, ["method", "set"]);
        bool hasMethod = axis.TryGetProperty("method", out var methods), hasSet = axis.TryGetProperty("set", out var sets);
        if (hasMethod == hasSet) throw Error(where, "an axis has exactly one of \"method\" (a list of methods) or \"set\" (a list of --set values)");
        var list = hasMethod ? methods : sets;
        string key = hasMethod ? "method" : "set";
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0) throw Error($"{where}.{key}", "expected a non-empty array");
        if (hasMethod && start.Method is not null) throw Error($"{where}.method", $"the base already names method '{start.Method}'; put the method on an axis or in the base, not both");
        var values = new List<Setting>();
        int i = 0;
        foreach (var item in list.EnumerateArray())
        {
            string at = $"{where}.{key}[{i++}]";
            values.Add(hasMethod ? new Setting(String(item, at), [], []) : SetValue(item, at));
        }
        return values;
    }

    // One value of a set axis: "k=v", ["k=v", …] ([] = the base itself), or {"name": …, "set": […]}.
    private Setting SetValue(JsonElement item, string where)
    {
        string? label = null;
        JsonElement sets = item;
        if (item.ValueKind == JsonValueKind.Object)
        {
            RequireObject(item, where, ["name", "set"]);
            label = item.TryGetProperty("name", out var n) ? String(n, $"{where}.name") : null;
            if (!item.TryGetProperty("set", out sets)) throw Error(where, "an object value needs \"set\": [\"key=value\", …]");
        }
        var assignments = sets.ValueKind == JsonValueKind.String ? [String(sets, where)] : Assignments(sets, where);
        string segment = label ?? string.Join('+', assignments);
        return new Setting(null, assignments, segment.Length == 0 ? [] : [segment]);
    }

    private Setting Base(JsonElement element, string where)
    {
        RequireObject(element, where, ["method", "set"]);
        string? method = element.TryGetProperty("method", out var m) ? String(m, $"{where}.method") : null;
        var sets = element.TryGetProperty("set", out var s) ? Assignments(s, $"{where}.set") : [];
        return new Setting(method, sets, []);
    }

    private static Setting Combine(Setting a, Setting b) => new(b.Method ?? a.Method, [.. a.Sets, .. b.Sets], [.. a.Segments, .. b.Segments]);

    private List<string> Assignments(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Array) throw Error(where, "expected an array of \"key=value\" strings (the values of --set)");
        var result = new List<string>();
        int i = 0;
        foreach (var item in element.EnumerateArray())
        {
            string at = $"{where}[{i++}]";
            string assignment = String(item, at).Trim();
            int eq = assignment.IndexOf('=');
            if (eq <= 0) throw Error(at, $"'{assignment}' is not key=value (e.g. asm.margin=0.4)");
            string key = assignment[..eq].Trim();
            if (key.Equals(ConfigKeys.SeedKey, StringComparison.OrdinalIgnoreCase)) throw Error(at, "seeds come from \"seeds\", not from --set training.seed");
            if (key.Equals("method", StringComparison.OrdinalIgnoreCase)) throw Error(at, "the method comes from \"method\" (in the base or an axis), not from --set");
            result.Add(assignment);
        }
        return result;
    }

    private IReadOnlyList<int> Seeds(JsonElement root)
    {
        if (!root.TryGetProperty("seeds", out var seeds) || seeds.ValueKind != JsonValueKind.Array || seeds.GetArrayLength() == 0)
            throw Error("$.seeds", "required: a non-empty array of seeds, e.g. [0, 1, 2]");
        var result = new List<int>();
        int i = 0;
        foreach (var seed in seeds.EnumerateArray())
        {
            string at = $"$.seeds[{i++}]";
            if (seed.ValueKind != JsonValueKind.Number || !seed.TryGetInt32(out int value) || value < 0) throw Error(at, "a seed is a whole number ≥ 0");
            if (result.Contains(value)) throw Error(at, $"seed {value} is listed twice");
            result.Add(value);
        }
        return result;
    }

    private string FolderSegment(string segment, string where)
    {
        string safe = UnsafeCharacters().Replace(segment, "_");
        if (safe is "." or "..") throw Error(where, $"'{segment}' cannot be a folder name; give the value a \"name\"");
        return safe;
    }

    private void RequireObject(JsonElement element, string where, string[] allowed)
    {
        if (element.ValueKind != JsonValueKind.Object) throw Error(where, $"expected an object with some of: {string.Join(", ", allowed)}");
        foreach (var property in element.EnumerateObject())
            if (!allowed.Contains(property.Name))
                throw Error($"{where}.{property.Name}", $"unknown key; expected some of: {string.Join(", ", allowed)}");
    }

    private string String(JsonElement element, string where) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : throw Error(where, "expected a string");

    private static string TooMany(long runs) =>
        $"makes at least {runs} runs; a sweep file makes at most {SweepFile.MaxRuns}: split it into several files";

    private SweepException Error(string where, string message) => new($"{path}: {where}: {message}");

    // Kept in folder names: letters, digits and . _ + = , - (the characters of method names and --set values).
    [GeneratedRegex(@"[^A-Za-z0-9._+=,\-]")]
    private static partial Regex UnsafeCharacters();
}
