using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Asm.Research.Tests.Platform;

/// <summary>
/// Which methods of a compiled TorchSharp convert a number to a <c>Scalar</c> inside, themselves or through the
/// TorchSharp methods they call: read from the IL of TorchSharp.dll, the build the kit runs.
/// <para>Such a method makes a scalar that nobody holds while native code reads it (e.g. <c>Tensor.add(Tensor)</c>
/// passes <c>alpha: 1</c>, <c>1 - t</c> converts the 1).</para>
/// </summary>
internal sealed class ScalarTemporariesInIl : IDisposable
{
    private readonly PEReader _pe;
    private readonly MetadataReader _metadata;
    // null: no conversion reachable; otherwise the call chain that reaches one.
    private readonly Dictionary<MethodDefinitionHandle, string?> _known = [];

    public ScalarTemporariesInIl(string torchSharpDll)
    {
        _pe = new PEReader(File.OpenRead(torchSharpDll));
        _metadata = _pe.GetMetadataReader();
    }

    /// <summary>
    /// The chain of TorchSharp calls from the method with this metadata token to a number-to-Scalar conversion
    /// ("add > op_Implicit"), or null when it makes none. Virtual calls are followed to the named method only.
    /// </summary>
    public string? ConversionChain(int methodToken) =>
        MetadataTokens.EntityHandle(methodToken) is { Kind: HandleKind.MethodDefinition } handle
            ? Chain((MethodDefinitionHandle)handle)
            : null;

    private string? Chain(MethodDefinitionHandle method)
    {
        if (_known.TryGetValue(method, out var chain)) return chain;
        _known[method] = null; // a recursive call finds nothing new
        var callees = Callees(method).ToList();
        if (callees.Any(IsScalarConversion)) chain = "op_Implicit";
        else
            foreach (var callee in callees)
                if (Chain(callee) is { } rest)
                {
                    chain = $"{Name(callee)} > {rest}";
                    break;
                }
        return _known[method] = chain;
    }

    private bool IsScalarConversion(MethodDefinitionHandle method)
    {
        var definition = _metadata.GetMethodDefinition(method);
        return _metadata.StringComparer.Equals(definition.Name, "op_Implicit")
            && _metadata.StringComparer.Equals(_metadata.GetTypeDefinition(definition.GetDeclaringType()).Name, "Scalar");
    }

    private string Name(MethodDefinitionHandle method)
    {
        var definition = _metadata.GetMethodDefinition(method);
        return $"{_metadata.GetString(_metadata.GetTypeDefinition(definition.GetDeclaringType()).Name)}.{_metadata.GetString(definition.Name)}";
    }

    // The TorchSharp methods this method's IL calls, creates or takes a delegate to.
    private IEnumerable<MethodDefinitionHandle> Callees(MethodDefinitionHandle method)
    {
        var definition = _metadata.GetMethodDefinition(method);
        if (definition.RelativeVirtualAddress == 0) yield break;
        byte[] il = _pe.GetMethodBody(definition.RelativeVirtualAddress).GetILBytes()!;
        for (int i = 0; i < il.Length;)
        {
            int opcode = il[i] == 0xFE ? 0xFE00 | il[i + 1] : il[i];
            i += opcode > 0xFF ? 2 : 1;
            if (opcode is 0x28 or 0x6F or 0x73 or 0xFE06 or 0xFE07) // call, callvirt, newobj, ldftn, ldvirtftn
            {
                var target = MetadataTokens.EntityHandle(BitConverter.ToInt32(il, i));
                if (target.Kind == HandleKind.MethodSpecification)
                    target = _metadata.GetMethodSpecification((MethodSpecificationHandle)target).Method;
                if (target.Kind == HandleKind.MethodDefinition) yield return (MethodDefinitionHandle)target;
            }
            i += OperandSize(opcode, il, i);
        }
    }

    // ECMA-335 III: the operand's size in bytes after the opcode.
    private static int OperandSize(int opcode, byte[] il, int at) => opcode switch
    {
        0x45 => 4 + 4 * BitConverter.ToInt32(il, at),                                           // switch
        0x0E or 0x0F or 0x10 or 0x11 or 0x12 or 0x13 or 0x1F or 0xDE or (>= 0x2B and <= 0x37) => 1, // short forms
        0xFE12 or 0xFE19 => 1,                                                                  // unaligned., no.
        >= 0xFE09 and <= 0xFE0E => 2,                                                           // arg and local indices
        0x21 or 0x23 => 8,                                                                      // ldc.i8, ldc.r8
        0x20 or 0x22 or 0x27 or 0x28 or 0x29 or 0x6F or (>= 0x70 and <= 0x75) or 0x79 or (>= 0x7B and <= 0x81)
            or 0x8C or 0x8D or 0x8F or 0xA3 or 0xA4 or 0xA5 or 0xC2 or 0xC6 or 0xD0 or 0xDD or (>= 0x38 and <= 0x44)
            or 0xFE06 or 0xFE07 or 0xFE15 or 0xFE16 or 0xFE1C => 4,                             // tokens, int32, branches
        _ => 0,
    };

    public void Dispose() => _pe.Dispose();
}
