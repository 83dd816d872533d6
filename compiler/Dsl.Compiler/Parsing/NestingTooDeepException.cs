using Antlr4.Runtime;
using AntlrParser = Antlr4.Runtime.Parser;

namespace Dsl.Compiler.Parsing;

/// <summary>
/// Thrown when the parser is about to nest rules deeper than <see cref="ParseLimits.MaxRuleDepth"/>.
/// It is a <see cref="RecognitionException"/> so the rule that tried to nest deeper catches
/// it like any syntax error; <see cref="SyntaxErrorStrategy"/> then skips the nested rest
/// of the expression, and the levels above finish normally. (Rethrowing it level by level
/// instead would nest hundreds of exception dispatches and overflow the stack itself.)
/// </summary>
internal sealed class NestingTooDeepException(AntlrParser parser)
    : RecognitionException(parser, (ITokenStream)parser.InputStream, parser.Context)
{
}
