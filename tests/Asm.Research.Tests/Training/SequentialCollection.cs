namespace Asm.Research.Tests.Training;

/// <summary>Tests that measure the process (memory) run alone, after the parallel ones.</summary>
[CollectionDefinition("Sequential", DisableParallelization = true)]
public sealed class SequentialCollection;
