using System.Collections.Immutable;
using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Syntax;
using Dsl.Compiler.Text;
using Dsl.Grammar;

namespace Dsl.Compiler.Parsing;

/// <summary>Turns source text into a <see cref="SyntaxTree"/> through the ANTLR parser. ANTLR types never leave this folder.</summary>
internal static class Parser
{
    /// <summary>
    /// The stack the parser runs on. ANTLR and the syntax-tree builder recurse once or twice
    /// per nesting level; <see cref="ParseLimits"/> bounds the levels, and this bounds the
    /// bytes, whatever thread calls (a thread-pool thread has 1.5 MB, a debug-build frame
    /// of the parser about 2 KB).
    /// </summary>
    private const int StackSize = 16 * 1024 * 1024;

    // Keywords, operators and punctuation always have the same text; sharing one string per
    // token type saves an allocation for about half of the tokens of a file. (ERROR_CHARACTERS
    // is the last token type the lexer declares.)
    private static readonly string?[] _fixedTexts = Enumerable.Range(0, StreamLexer.ERROR_CHARACTERS + 1)
        .Select(type => StreamLexer.DefaultVocabulary.GetLiteralName(type)?.Trim('\''))
        .ToArray();

    public static SyntaxTree Parse(SourceText source)
    {
        // A thread of its own makes the result independent of the caller's stack, so the
        // command line and the language server always agree about a file.
        SyntaxTree? tree = null;
        var thread = new Thread(() => tree = ParseOnThisThread(source), StackSize) { IsBackground = true, Name = "Stream DSL parser" };
        thread.Start();
        thread.Join();
        return tree ?? throw new InvalidOperationException("The parser thread ended without a syntax tree.");
    }

    private static SyntaxTree ParseOnThisThread(SourceText source)
    {
        var text = source.Text;

        // UTF-16 offsets (AntlrInputStream, not the code-point CharStreams) so token offsets
        // are string indexes, as spans are.
        var lexed = AsciiForLexer(text);
        var lexer = new StreamLexer(new AntlrInputStream(lexed));
        lexer.RemoveErrorListeners();
        var tokenStream = new CommonTokenStream(lexer);
        tokenStream.Fill();
        var tokens = tokenStream.GetTokens();
        if (!ReferenceEquals(lexed, text))
            RestoreOriginalText(tokens, lexed, text);
        var lineStarts = new LineStarts(tokens, text);
        var recased = KeywordCase.ReadAsKeywords(tokens, lineStarts);
        var headerParts = new RuleHeaderParts(tokens);
        var diagnostics = new SyntaxDiagnosticCollector(source, headerParts);

        LexicalDiagnostics.Report(tokens, text, diagnostics);
        KeywordCase.Report(recased, text, diagnostics);
        var fileEndsInComment = tokens.Count > 1 && tokens[^2].Type == StreamLexer.UNTERMINATED_BLOCK_COMMENT;

        CompilationUnitSyntax root;
        IReadOnlySet<int> nameTokens;
        Diagnostic? internalError = null;
        try
        {
            var tree = ParseTokens(tokenStream, lineStarts, headerParts, text, diagnostics, fileEndsInComment);
            var builder = new AstBuilder(text, diagnostics);
            root = builder.Build(tree);
            nameTokens = builder.NameTokens;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug in the parser must not take the editor or the build down with it: the
            // file gets no syntax tree and one diagnostic saying why.
            internalError = DiagnosticDescriptors.InternalCompilerError.Create(source, new TextSpan(0, 0), DiagnosticDescriptors.InternalErrorDetail(e, " while parsing"));
            root = new CompilationUnitSyntax(new TextSpan(0, text.Length), []);
            nameTokens = new HashSet<int>();
        }

        IReadOnlyList<Diagnostic> reported = internalError == null ? diagnostics.ToList() : [internalError, .. diagnostics.ToList()];
        return new SyntaxTree(source, root, ToSyntaxTokens(tokens, text, nameTokens), reported);
    }

    /// <summary>
    /// Parses in one pass, with LL prediction and error recovery. The two-stage strategy the
    /// ANTLR authors recommend (SLL prediction that gives up at the first error, then this)
    /// gains nothing with this grammar: on valid files LL prediction hardly ever needs the full
    /// context and costs what SLL does, while a file with an error, as a file being typed
    /// mostly is, was parsed up to the error twice: on a 6,000-line job with a half-typed last
    /// line that was 60% more time (docs/performance.md, "Editor latency").
    /// </summary>
    private static StreamParser.CompilationUnitContext ParseTokens(CommonTokenStream tokens, LineStarts lineStarts, RuleHeaderParts headerParts, string text, SyntaxDiagnosticCollector diagnostics, bool fileEndsInComment)
    {
        var parser = new GuardedStreamParser(tokens);
        parser.RemoveErrorListeners();
        parser.Interpreter.PredictionMode = PredictionMode.LL;
        parser.ErrorHandler = new SyntaxErrorStrategy(text, lineStarts, headerParts, diagnostics, fileEndsInComment);
        return parser.compilationUnit();
    }

    /// <summary>
    /// The text with every non-ASCII character replaced by DEL (U+007F). The lexer treats
    /// all of them alike (inside strings, comments and quoted names they are text, elsewhere
    /// invalid), but ANTLR caches its lexer DFA only for characters up to U+007F and
    /// simulates the ATN for every other one, which makes a file of Chinese comments or of
    /// binary data lex many times slower. A leading byte-order mark becomes a space. Token
    /// texts are taken back from the original (<see cref="RestoreOriginalText"/>).
    /// </summary>
    private static string AsciiForLexer(string text)
    {
        if (!text.AsSpan().ContainsAnyExceptInRange('\0', '\u007F'))
            return text;
        return string.Create(text.Length, text, static (chars, original) =>
        {
            for (var i = 0; i < chars.Length; i++)
                chars[i] = original[i] <= '\u007F' ? original[i] : '\u007F';

            // A byte-order mark that reached the text (an editor that keeps it, where `dsl check`
            // drops it as it decodes the file) is whitespace, so that both see the same file.
            if (original[0] == '\uFEFF')
                chars[0] = ' ';
        });
    }

    /// <summary>
    /// Gives the tokens that held replaced characters their text from the original, so that the
    /// parser, its hints and their fixes (which read token texts) see a name as it is written.
    /// </summary>
    private static void RestoreOriginalText(IList<IToken> tokens, string lexed, string text)
    {
        foreach (var token in tokens)
        {
            if (token is CommonToken { Type: not TokenConstants.EOF } common && common.StartIndex >= 0 && common.StopIndex >= common.StartIndex
                && lexed.AsSpan(common.StartIndex, common.StopIndex - common.StartIndex + 1).Contains('\u007F'))
                common.Text = text.Substring(common.StartIndex, common.StopIndex - common.StartIndex + 1);
        }
    }

    private static string? FixedText(int type) => type >= 0 && type < _fixedTexts.Length ? _fixedTexts[type] : null;

    private static ImmutableArray<SyntaxToken> ToSyntaxTokens(IList<IToken> tokens, string text, IReadOnlySet<int> nameTokens)
    {
        var result = ImmutableArray.CreateBuilder<SyntaxToken>(tokens.Count);
        foreach (var token in tokens)
        {
            if (token.Type == TokenConstants.EOF)
                break;
            var span = TextSpan.FromBounds(token.StartIndex, token.StopIndex + 1);
            // A keyword written in another case (KeywordCase) has the keyword's type, not its text.
            var tokenText = FixedText(token.Type) is { } known && string.CompareOrdinal(text, span.Start, known, 0, span.Length) == 0 && known.Length == span.Length
                ? known
                : text.Substring(span.Start, span.Length);
            result.Add(new SyntaxToken(TokenFacts.Classify(token.Type, tokenText, nameTokens.Contains(token.TokenIndex)), span, tokenText));
        }
        return result.ToImmutable();
    }
}
