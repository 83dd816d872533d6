namespace Dsl.Compiler.Parsing;

/// <summary>Bounds that keep parsing (and every stage after it) safe on hostile or generated input.</summary>
internal static class ParseLimits
{
    /// <summary>
    /// The deepest expression tree the parser builds. Later stages walk expressions
    /// recursively, so a deeper one (10,000 nested parentheses, or a sum of thousands of
    /// terms, which is a left-deep tree) would overflow their stacks; it is reported as
    /// DSL1008 instead. 256 leaves room for sums of a few hundred points.
    /// </summary>
    public const int MaxExpressionDepth = 256;

    /// <summary>
    /// The deepest nesting of grammar rules the ANTLR parser may enter. An expression level
    /// costs the parser one or two rule frames, plus a handful for the declaration around it.
    /// </summary>
    public const int MaxRuleDepth = 2 * MaxExpressionDepth + 64;

    /// <summary>Syntax errors reported per file; a binary file would otherwise produce thousands.</summary>
    public const int MaxReportedErrors = 100;
}
