namespace Asm.Research.Data.Tasks;

/// <summary>The kinds of task a method trains on.</summary>
[Flags]
public enum TaskKinds
{
    /// <summary>Figure-ground (one sigmoid channel).</summary>
    Binary = 1,
    /// <summary>C ≥ 2 classes (softmax).</summary>
    MultiClass = 2,
    /// <summary>Either.</summary>
    Any = Binary | MultiClass,
}
