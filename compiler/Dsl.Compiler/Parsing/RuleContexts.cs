using Antlr4.Runtime;
using static Dsl.Grammar.StreamParser;

namespace Dsl.Compiler.Parsing;

/// <summary>Groups of parse-tree rules that error recovery and the syntax-tree builder treat alike.</summary>
internal static class RuleContexts
{
    /// <summary>Rules whose loops read statements: the declarations of a file, the members of a block, rule options.</summary>
    public static bool HasStatementLoop(RuleContext context) =>
        context is CompilationUnitContext or SettingsDeclarationContext or ModelDeclarationContext or AggregateRuleContext
            or MergeRuleContext or EnergyRuleContext or AlarmDeclarationContext;

    public static bool IsExpressionPart(RuleContext? context) =>
        context is ExpressionContext or ArgumentsContext or IntervalContext or IntervalBoundContext;

    /// <summary>The outermost expression rule around <paramref name="context"/> (itself when its parent is a declaration).</summary>
    public static ParserRuleContext OutermostExpression(ParserRuleContext context)
    {
        var root = context;
        while (root.Parent is ParserRuleContext parent && IsExpressionPart(parent))
            root = parent;
        return root;
    }
}
