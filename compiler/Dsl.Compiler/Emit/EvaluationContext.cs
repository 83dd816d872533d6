namespace Dsl.Compiler.Emit;

/// <summary>Where a generated expression runs, which decides how it reads points, attributes and time.</summary>
internal enum EvaluationContext
{
    /// <summary>An aggregate's argument or <c>where</c>: the record being added is in <c>record</c>, the asset in <c>asset</c>.</summary>
    Window,

    /// <summary>A merge output: latest values, history and time through <c>scope</c>.</summary>
    Merge,

    /// <summary>An energy rule's slope, scale or range: attributes and constants only, through <c>asset</c>.</summary>
    Parameters,
}
