namespace OneDnnConvCheck;

/// <summary>Reads which implementation oneDNN ran from its verbose lines (<c>ONEDNN_VERBOSE=1</c>).</summary>
internal static class OneDnnVerbose
{
    /// <summary>
    /// "fwd=jit:avx2 bwd_d=gemm:jit bwd_w=…" from the <c>exec</c> lines of (de)convolution
    /// primitives, e.g. <c>onednn_verbose,v1,primitive,exec,cpu,convolution,brg_conv_fwd:avx2,forward_training,…</c>.
    /// A pass with no line ran outside oneDNN (ATen's own kernels): "aten".
    /// </summary>
    public static string Implementations(IEnumerable<string> lines)
    {
        var found = new Dictionary<string, string>();
        foreach (var line in lines)
        {
            var f = line.Split(',');
            int exec = Array.IndexOf(f, "exec");
            if (!line.StartsWith("onednn_verbose") || exec < 0 || exec + 4 >= f.Length) continue;
            string kind = f[exec + 2], impl = f[exec + 3], prop = f[exec + 4];
            if (kind is not ("convolution" or "deconvolution")) continue;
            string pass = prop switch
            {
                "forward_training" or "forward_inference" => "fwd",
                "backward_data" => "bwd_d",
                "backward_weights" => "bwd_w",
                _ => prop,
            };
            found.TryAdd((kind == "deconvolution" ? "de" : "") + pass, impl);
        }
        return found.Count == 0 ? "aten" : string.Join(" ", found.Select(p => $"{p.Key}={p.Value}"));
    }
}
