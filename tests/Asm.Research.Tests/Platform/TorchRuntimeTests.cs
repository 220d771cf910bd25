using Asm.Research.Platform;
using TorchSharp;

namespace Asm.Research.Tests.Platform;

public sealed class TorchRuntimeTests
{
    private static string Shim()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(path), $"{path} not found; the test expects the Linux build");
        return path;
    }

    [Fact]
    public void Loads_torch_and_computes()
    {
        string description = TorchRuntime.EnsureLoaded();
        Assert.Contains("libtorch", description);
        using var a = torch.ones(2, 2);
        Assert.Equal(8f, a.matmul(a).sum().item<float>());
    }

    [Fact]
    public void Reads_the_shims_libstdcxx_version_needs()
    {
        if (!OperatingSystem.IsLinux()) return;
        var needs = ElfVersionNeeds.Read(File.ReadAllBytes(Shim()));
        Assert.Contains(needs, n => n.File == "libstdc++.so.6" && n.Name == "GLIBCXX_3.4.32" && !n.IsWeak);
        Assert.Contains(needs, n => n.File == "libc.so.6" && n.Name == "GLIBC_2.2.5");
    }

    [Fact]
    public void Marks_only_the_named_version_weak()
    {
        if (!OperatingSystem.IsLinux()) return;
        byte[] bytes = File.ReadAllBytes(Shim());
        Assert.Equal(1, ElfVersionNeeds.MarkWeak(bytes, ["GLIBCXX_3.4.32"]));
        var needs = ElfVersionNeeds.Read(bytes);
        Assert.True(needs.Single(n => n.Name == "GLIBCXX_3.4.32").IsWeak);
        Assert.All(needs.Where(n => n.Name != "GLIBCXX_3.4.32"), n => Assert.False(n.IsWeak));
        Assert.Equal(0, ElfVersionNeeds.MarkWeak(bytes, ["GLIBCXX_3.4.32"]));
    }

    [Fact]
    public void Refuses_a_file_that_is_not_elf()
    {
        Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.Read("not an ELF file at all, just text......................................"u8));
    }
}

public sealed class ConvolutionGradientTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Float32_conv_gradients_match_float64_for_each_thread_count(int threads)
    {
        TorchRuntime.EnsureLoaded();
        int before = torch.get_num_threads();
        torch.set_num_threads(threads);
        try
        {
            double error = TorchRuntime.ConvolutionGradientError();
            Assert.True(error < 1e-4, $"conv backward with {threads} thread(s) is off by {error:P2} against float64");
        }
        finally
        {
            torch.set_num_threads(before);
        }
    }
}
