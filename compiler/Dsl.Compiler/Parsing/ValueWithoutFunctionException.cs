using Antlr4.Runtime;
using AntlrParser = Antlr4.Runtime.Parser;

namespace Dsl.Compiler.Parsing;

/// <summary>
/// Ends an aggregate output whose value was written without an aggregate function
/// (<c>Out = Power</c>, <c>Out = Power * 2</c>): the word where the function goes is followed by
/// the end of the output or by an operator, not by '('. Whether that word is a point, a function
/// without its argument (<c>Out = count</c>) or neither, only the binder knows, so no syntax error
/// is reported: <see cref="SyntaxErrorStrategy"/> skips the rest of the output quietly, and the
/// syntax tree keeps the value's extent for the binder's one error.
/// </summary>
internal sealed class ValueWithoutFunctionException(AntlrParser parser)
    : RecognitionException(parser, (ITokenStream)parser.InputStream, parser.Context)
{
}
