using Dsl.Naming;
using System.Runtime.CompilerServices;
using Antlr4.Runtime;
using Dsl.Grammar;

namespace Dsl.Compiler.Parsing;

/// <summary>
/// The generated parser with a bound on rule nesting. ANTLR descends recursively, so
/// 10,000 nested parentheses would overflow the stack; instead, entering a rule past
/// <see cref="ParseLimits.MaxRuleDepth"/> fails like a syntax error.
/// </summary>
internal sealed class GuardedStreamParser(ITokenStream input) : StreamParser(input)
{
    private static readonly string[] _memberKeywords = ["ai", "di", "pi", "generic", "attribute"];

    private int _depth;

    protected override bool IsMisspeltAttribute() =>
        TokenStream.LA(1) == StreamLexer.IDENTIFIER && TokenFacts.IsName(TokenStream.LA(2))
        && NameSuggester.FindClosest(TokenStream.LT(1).Text, _memberKeywords) == "attribute";

    public override void EnterRule(ParserRuleContext localctx, int state, int ruleIndex)
    {
        // Checked before entering, so the failed rule never joins the tree and the caller's
        // catch block sees a consistent parser state.
        GuardDepth();
        base.EnterRule(localctx, state, ruleIndex);
    }

    public override void EnterRecursionRule(ParserRuleContext localctx, int state, int ruleIndex, int precedence)
    {
        GuardDepth();
        base.EnterRecursionRule(localctx, state, ruleIndex, precedence);
    }

    public override void ExitRule()
    {
        _depth--;
        base.ExitRule();
    }

    public override void UnrollRecursionContexts(ParserRuleContext parentContext)
    {
        _depth--;
        base.UnrollRecursionContexts(parentContext);
    }

    public override void Reset()
    {
        _depth = 0;
        base.Reset();
    }

    private void GuardDepth()
    {
        // The stack check is a safety net: the parser runs on a thread with a stack far
        // larger than MaxRuleDepth needs, so it never decides alone.
        if (_depth >= ParseLimits.MaxRuleDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new NestingTooDeepException(this);
        _depth++;
    }
}
