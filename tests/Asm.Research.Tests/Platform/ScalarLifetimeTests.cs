using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Asm.Research.Tests.Platform;

/// <summary>
/// No TorchSharp <c>Scalar</c> in the kit is a temporary that nobody holds: the kit's sources never convert a number to
/// one, and never call a TorchSharp member that does so inside (<c>a + b</c>, <c>a.add(b)</c>, <c>1 - a</c>, <c>a * 2</c>,
/// <c>square()</c>…).
/// <para>Why: TorchSharp reads such a scalar's handle and calls native code; a collection on another thread (the data
/// loader allocates) can run the scalar's finalizer while that call still reads it ("Unknown scalar type", "Expected
/// false to be true … toLong"). The kit makes its scalars with <c>ToScalar()</c> in a <c>using</c> variable, a field, or a
/// <see cref="Research.Platform.ScalarScope"/>.</para>
/// </summary>
public sealed class ScalarLifetimeTests(ScalarLifetimeTests.KitScan scan) : IClassFixture<ScalarLifetimeTests.KitScan>
{
    [Fact]
    public void No_number_is_converted_to_a_torchsharp_scalar_in_the_kits_sources()
    {
        Assert.True(scan.Conversions.Count == 0,
            $"{scan.Conversions.Count} conversions of a number to TorchSharp.Scalar (make it with ToScalar() in a using " +
            "variable, a field or a ScalarScope):\n" + string.Join("\n", scan.Conversions));
    }

    [Fact]
    public void The_kit_calls_no_torchsharp_member_that_converts_a_number_to_a_scalar_inside()
    {
        Assert.True(scan.InnerConversions.Count == 0,
            $"{scan.InnerConversions.Count} calls of TorchSharp members that make a scalar inside and drop it (call the " +
            "overload that takes the scalar, e.g. a.add(b, alpha), with one held by a ScalarScope):\n" +
            string.Join("\n", scan.InnerConversions));
    }

    /// <summary>The kit's projects compiled with Roslyn against the test's references, and what the two tests look for.</summary>
    public sealed class KitScan
    {
        // The kit's projects, each with the name and kind of the assembly it builds.
        private static readonly (string Folder, string Assembly, OutputKind Kind)[] Projects =
        [
            ("Asm.Research", "Asm.Research", OutputKind.DynamicallyLinkedLibrary),
            ("Asm.Research.Cli", "asm", OutputKind.ConsoleApplication),
            ("Asm.Research.Notebooks", "Asm.Research.Notebooks", OutputKind.DynamicallyLinkedLibrary),
        ];

        // What ImplicitUsings gives every project of the kit (its generated GlobalUsings.g.cs).
        private const string ImplicitUsings =
            "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; " +
            "global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;";

        public KitScan()
        {
            var references = References();
            using var il = new ScalarTemporariesInIl(Path.Combine(AppContext.BaseDirectory, "TorchSharp.dll"));
            foreach (var project in Projects)
            {
                var compilation = Compile(project.Folder, project.Assembly, project.Kind, references);
                // Declarations that do not bind (a missing reference) would hide calls: the scan needs every one bound.
                // CS8795: a [GeneratedRegex] method, whose body a source generator writes in a real build.
                var errors = compilation.GetDeclarationDiagnostics()
                    .Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS8795").Take(5).ToList();
                if (errors.Count > 0) throw new InvalidOperationException($"{project.Folder} does not compile in the scan:\n{string.Join("\n", errors)}");
                var scalar = compilation.GetTypeByMetadataName("TorchSharp.Scalar")
                    ?? throw new InvalidOperationException("TorchSharp.Scalar is not among the scan's references.");
                foreach (var tree in compilation.SyntaxTrees)
                    Scan(compilation.GetSemanticModel(tree), scalar, il);
            }
            if (Unbound.Count > 0) throw new InvalidOperationException($"Code the scan could not bind:\n{string.Join("\n", Unbound.Take(5))}");
        }

        /// <summary>Numbers converted to Scalar in the kit's sources, implicitly or by a cast: "file:line: expression (type)".</summary>
        public List<string> Conversions { get; } = [];

        /// <summary>Calls of TorchSharp members whose IL makes a Scalar from a number: "file:line: member, via chain".</summary>
        public List<string> InnerConversions { get; } = [];

        private List<string> Unbound { get; } = [];

        private void Scan(SemanticModel model, INamedTypeSymbol scalar, ScalarTemporariesInIl il)
        {
            // Each body, initializer and top-level statement is bound once, as an operation tree, lambdas included.
            var bodies = model.SyntaxTree.GetRoot().DescendantNodes(node => !IsBody(node)).Where(IsBody);
            foreach (var body in bodies)
            {
                if (model.GetOperation(body) is not { } operation) continue;
                foreach (var inner in operation.DescendantsAndSelf())
                {
                    if (inner is IInvalidOperation) Unbound.Add($"{Where(inner.Syntax)}: {inner.Syntax}");
                    if (inner is IConversionOperation { OperatorMethod: { } method } conversion
                        && SymbolEqualityComparer.Default.Equals(method.ContainingType, scalar))
                        Conversions.Add($"{Where(conversion.Syntax)}: {conversion.Syntax} ({conversion.Operand.Type?.ToDisplayString() ?? "?"})");
                    foreach (var member in TorchSharpMembers(inner))
                        if (member.MetadataToken != 0 && il.ConversionChain(member.MetadataToken) is { } chain)
                            InnerConversions.Add($"{Where(inner.Syntax)}: {member.ToDisplayString()}, via {chain}");
                }
            }
        }

        // The TorchSharp methods an operation runs: what it calls, and the forward of a TorchSharp module it makes or uses.
        private static IEnumerable<IMethodSymbol> TorchSharpMembers(IOperation operation)
        {
            IMethodSymbol? called = operation switch
            {
                IInvocationOperation invocation => invocation.TargetMethod,
                IBinaryOperation binary => binary.OperatorMethod,
                IUnaryOperation unary => unary.OperatorMethod,
                ICompoundAssignmentOperation compound => compound.OperatorMethod,
                IConversionOperation conversion => conversion.OperatorMethod,
                IObjectCreationOperation creation => creation.Constructor,
                IMethodReferenceOperation reference => reference.Method,
                IPropertyReferenceOperation property => property.Property.GetMethod,
                _ => null,
            };
            if (called is not null && IsTorchSharp(called)) yield return (called.ReducedFrom ?? called).OriginalDefinition;
            if (operation is IObjectCreationOperation or IInvocationOperation && operation.Type is INamedTypeSymbol type)
                for (var t = type; t is not null && IsTorchSharp(t); t = t.BaseType)
                    foreach (var forward in t.GetMembers("forward").OfType<IMethodSymbol>().Where(m => !m.IsAbstract))
                        yield return forward.OriginalDefinition;
        }

        private static bool IsTorchSharp(ISymbol symbol) => symbol.ContainingAssembly?.Name == "TorchSharp";

        private static bool IsBody(SyntaxNode node) =>
            node is BlockSyntax or ArrowExpressionClauseSyntax or EqualsValueClauseSyntax or ConstructorInitializerSyntax
                or GlobalStatementSyntax or PrimaryConstructorBaseTypeSyntax;

        private static string Where(SyntaxNode node)
        {
            var line = node.GetLocation().GetLineSpan();
            return $"  {Path.GetRelativePath(TestPaths.RepoRoot, line.Path)}:{line.StartLinePosition.Line + 1}";
        }

        private static CSharpCompilation Compile(string folder, string assembly, OutputKind kind, IReadOnlyList<MetadataReference> references)
        {
            var options = new CSharpParseOptions(LanguageVersion.Latest);
            string root = Path.Combine(TestPaths.RepoRoot, "src", folder);
            var sources = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
                .Where(path => !Path.GetRelativePath(root, path).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
                .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), options, path))
                .Append(CSharpSyntaxTree.ParseText(ImplicitUsings, options, "GlobalUsings.cs"));
            // Its own built assembly would define every type twice.
            var others = references.Where(r => !string.Equals(Path.GetFileNameWithoutExtension(r.Display), assembly, StringComparison.Ordinal));
            // Nullable analysis off: it does not change what binds, and the scan runs in half the time.
            return CSharpCompilation.Create(assembly, sources, others, new CSharpCompilationOptions(kind, allowUnsafe: true));
        }

        /// <summary>The runtime's assemblies and the managed ones beside the tests (the kit's and its packages'), one per name.</summary>
        private static List<MetadataReference> References()
        {
            var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (string path in ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator))
                byName[Path.GetFileName(path)] = path;
            foreach (string path in Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll"))
                if (IsManaged(path)) byName[Path.GetFileName(path)] = path;
            byName.Remove("Asm.Research.Tests.dll");
            return byName.Values.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToList();
        }

        private static bool IsManaged(string path)
        {
            using var reader = new PEReader(File.OpenRead(path));
            try { return reader.HasMetadata; }
            catch (BadImageFormatException) { return false; }
        }
    }
}
