using System.Runtime.Intrinsics.X86;
using System.Text;

namespace Asm.Research.Platform;

/// <summary>The CPU as the oneDNN self-check's cache key sees it: brand string, family/model/stepping and feature bits.</summary>
public static class CpuIdentity
{
    /// <summary>e.g. "AMD EPYC; signature 00b20f21; features …"; "not x86" elsewhere.</summary>
    public static string Describe()
    {
        if (!X86Base.IsSupported) return $"not x86 ({System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture})";
        var brand = new StringBuilder();
        for (int leaf = unchecked((int)0x80000002); leaf <= unchecked((int)0x80000004); leaf++)
        {
            var (a, b, c, d) = X86Base.CpuId(leaf, 0);
            foreach (int register in new[] { a, b, c, d })
                for (int i = 0; i < 4; i++) brand.Append((char)((register >> (8 * i)) & 0xff));
        }
        var (signature, _, features1, features1d) = X86Base.CpuId(1, 0);
        var (_, features7b, features7c, features7d) = X86Base.CpuId(7, 0);
        return $"{brand.ToString().TrimEnd('\0').Trim()}; signature {signature:x8}; features {features1:x8}{features1d:x8}-{features7b:x8}{features7c:x8}{features7d:x8}";
    }
}
