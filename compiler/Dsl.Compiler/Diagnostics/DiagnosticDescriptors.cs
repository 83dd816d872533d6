namespace Dsl.Compiler.Diagnostics;

/// <summary>
/// Every diagnostic the toolchain reports, code beside message. A code is never reused or
/// renumbered; each is documented in docs/diagnostics.md (a test checks both).
/// Ranges: DSL1xxx syntax, DSL2xxx names, DSL3xxx types and stream rules, DSL4xxx emit and
/// internal errors, DSL5xxx runtime.
/// </summary>
public static class DiagnosticDescriptors
{
    private static DiagnosticDescriptor Error(string code, string title, string format) => new(code, DiagnosticSeverity.Error, title, format);

    private static DiagnosticDescriptor Warning(string code, string title, string format) => new(code, DiagnosticSeverity.Warning, title, format);

    // ---- DSL1xxx: syntax -------------------------------------------------------------
    public static readonly DiagnosticDescriptor UnexpectedToken = Error("DSL1001", "Unexpected token", "Unexpected {0}; expected {1}.");
    public static readonly DiagnosticDescriptor InvalidCharacter = Error("DSL1002", "Invalid character", "The character {0} is not valid here.");
    public static readonly DiagnosticDescriptor UnterminatedString = Error("DSL1003", "Unterminated string", "The string is not closed; add a '\"' before the end of the line.");
    public static readonly DiagnosticDescriptor UnterminatedComment = Error("DSL1004", "Unterminated comment", "The comment is not closed; add '*/'.");
    public static readonly DiagnosticDescriptor InvalidEscape = Error("DSL1005", "Invalid escape sequence", "The escape sequence {0} is not valid; use \\\", \\\\, \\n, \\t or \\uXXXX.");
    public static readonly DiagnosticDescriptor InvalidNumber = Error("DSL1006", "Invalid number", "The number {0} is not valid.");
    public static readonly DiagnosticDescriptor InvalidDuration = Error("DSL1007", "Invalid duration", "The duration {0} is not valid; write an integer followed by ms, s, m, h, d, w or mo, with no space.");
    public static readonly DiagnosticDescriptor NestingTooDeep = Error("DSL1008", "Nesting too deep", "The expression is nested more than {0} levels deep; simplify it.");
    // (syntax codes are added above this line)

    // ---- DSL2xxx: names --------------------------------------------------------------
    // (name codes are added above this line)

    // ---- DSL3xxx: types and stream rules ---------------------------------------------
    // (type and rule codes are added above this line)

    // ---- DSL4xxx: emit and internal --------------------------------------------------
    public static readonly DiagnosticDescriptor InternalCompilerError = Error("DSL4001", "Internal compiler error", "Internal compiler error: {0}. Please report it with the file that caused it.");
    public static readonly DiagnosticDescriptor GeneratedCodeRejected = Error("DSL4002", "Generated code rejected", "The generated C# did not compile (a compiler bug; please report it): {0}");
    // (emit codes are added above this line)

    // ---- DSL5xxx: runtime ------------------------------------------------------------
    // (runtime codes are added above this line)

    /// <summary>All descriptors, found by reflection so a new one can never be forgotten here.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } =
        typeof(DiagnosticDescriptors).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => f.GetValue(null)).OfType<DiagnosticDescriptor>()
            .ToArray();
}
