using Antlr4.Runtime;
using AntlrParser = Antlr4.Runtime.Parser;

namespace Dsl.Compiler.Parsing;

/// <summary>
/// The first, fast parsing pass (SLL prediction) gives up at the first error, and the file
/// is parsed again with full LL prediction and real error recovery. Nothing is reported
/// here: the second pass reports (the base class would print unknown exception types to
/// stderr, which a language server must not do).
/// </summary>
internal sealed class SllBailErrorStrategy : BailErrorStrategy
{
    public override void ReportError(AntlrParser recognizer, RecognitionException e)
    {
    }
}
