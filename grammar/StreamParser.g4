// The syntax of the .stream language (docs/language.md). The compiler turns the parse tree
// into its own immutable syntax tree (compiler/Dsl.Compiler/Parsing), so this grammar only
// has to recognise shapes: words whose meaning depends on their position (point kinds,
// types, energy methods, emit modes, schedule kinds...) are plain identifiers here and are
// checked by the binder, which can then say "did you mean ...".
//
// Newlines are insignificant, with one kind of exception: an optional or trailing part of
// a statement is not read from the start of a new line when that line plainly begins the
// next statement. Without it, in
//     di Status: int
//     pi EnergyMeter kWh
// `pi` would be the unit of Status; and a value left out at the end of a line
// (`Ratio =`) would swallow the name of the next output and leave its `=` stranded. The
// predicates below only ever reject readings that would fail later anyway, or that take
// the first word of a new line as the tail of the previous statement; `ai A` followed by
// `kW` alone on the next line still gives A its unit, before `}` or the next point. In expressions the same goes for the
// operand after a binary operator or a comma: `Total = A +` at the end of a line does not
// take the `Other =` of the next line as its operand, and neither does the first argument of
// a call left open at the end of a line (`Avg = avg(`).
parser grammar StreamParser;

options { tokenVocab = StreamLexer; }

@parser::members {
    /// <summary>
    /// A model member follows: `kind name` at the start of a line, or on the same line when the
    /// kind is one of the four point kinds (no unit or type is called ai, di, pi or generic).
    /// A word at the start of a line that a point kind and a name follow is not a kind: that
    /// point kind starts the next member, so the word is the unit (or type) of this one, put on
    /// a line of its own.
    /// A word at the start of a line that `range` and an interval follow is not a kind either: no
    /// member goes on with an interval after its name, so the line is the unit and range of this one.
    /// </summary>
    protected bool StartsNextMember() =>
        IsName(TokenStream.LA(1)) && IsName(TokenStream.LA(2))
        && (IsPointKind(TokenStream.LT(1))
            || (AtLineStart() && !(IsPointKind(TokenStream.LT(2)) && IsName(TokenStream.LA(3))) && !StartsRange(2)));

    /// <summary>`range` and the opening of its interval, from the token at <paramref name="offset"/>.</summary>
    private bool StartsRange(int offset) =>
        TokenStream.LA(offset) == RANGE && (TokenStream.LA(offset + 1) == LBRACKET || TokenStream.LA(offset + 1) == LPAREN);

    /// <summary>
    /// A word after a member on its line that a point kind and a name follow: a second unit
    /// (`ai A kW kW ai B kW`) or a `range` left without its interval, not the kind of a point named
    /// like the point kind after it. The error recovery reports it and resumes at that point kind.
    /// A word after a member on its line that `range` follows is that member's unit, not the kind
    /// of a point named range: `ai A kW range` with its interval missing is one error, at the
    /// interval.
    /// A word there that nothing belonging to a member follows (`}`, the end of the file,
    /// `attribute` or a new line: `ai A kW kW }`) is stray too, and so is a word that such a
    /// stray word follows where the member may still take a unit: that one is the unit of the
    /// member, the second word the mistake. A
    /// second `range` and its interval (`ai A kW range [0, 1] range [0, 2]`) is a stray range,
    /// and a `range` whose interval is not in brackets (`ai A kW range 0, 100`) no point kind.
    /// </summary>
    protected bool IsStrayWordAfterMember() =>
        !IsPointKind(TokenStream.LT(1)) && TokenStream.LA(-1) != LBRACE && !AtLineStart()
        && (EndsMemberAt(2) || TokenStream.LA(1) == RANGE
            || (MayTakeUnit() && IsName(TokenStream.LA(2)) && !IsPointKind(TokenStream.LT(2)) && TokenStream.LA(2) != RANGE && EndsMemberAt(3)));

    /// <summary>
    /// The name of a member left out at the end of its line (`ai`, then `ai Power kW` on the next
    /// line): the point kind and name that start the next line are the next member, not this
    /// member's name and unit.
    /// </summary>
    protected bool StartsMemberOnNextLine() =>
        AtLineStart() && IsPointKind(TokenStream.LT(1)) && IsName(TokenStream.LA(2));

    /// <summary>The previous token ends a member's name or type, so a unit may come next.</summary>
    private bool MayTakeUnit() =>
        IsPointKind(TokenStream.LT(-2)) || TokenStream.LA(-2) == COLON || TokenStream.LA(-2) == ATTRIBUTE;

    /// <summary>
    /// A word after a member on its line that nothing of a member follows (`}`, the end of the
    /// file, `attribute` or a new line), that the next point follows on that line (a point kind
    /// and a name) or, on a point without its range yet, that its `range` and interval follow,
    /// once the member has its unit (or range): a second unit.
    /// So are the words of a run of them there (`ai A kW kW kW`, `ai A kW kW kW ai B kW`), read as
    /// one stray word rather than as a point of kind `kW`.
    /// </summary>
    protected bool IsLoneWordAfterMember()
    {
        if (!IsStrayWord(1) || TokenStream.LA(-1) == LBRACE || AtLineStart())
            return false;
        // Only once the member has its unit (or range): before, the word is its unit.
        // The member being read is the rule this is decided in, or the one around the stray word.
        var member = Context is StrayMemberWordContext ? Context.Parent : Context;
        var hasUnit = member switch
        {
            PointDeclarationContext point => point.unit() != null || point.RANGE() != null,
            AttributeDeclarationContext attribute => attribute.unit() != null,
            _ => false,
        };
        var end = 2;
        while (IsStrayWord(end) && !StartsLine(end))
            end++;
        var type = TokenStream.LA(end);
        var startsPoint = IsPointKind(TokenStream.LT(end)) && IsName(TokenStream.LA(end + 1));
        var startsItsRange = member is PointDeclarationContext declaration && declaration.RANGE() == null && StartsRange(end);
        return hasUnit && (type == RBRACE || type == Eof || type == ATTRIBUTE || startsPoint || startsItsRange || StartsLine(end));
    }

    /// <summary>The next word of a run <see cref="IsLoneWordAfterMember"/> found stray: one on the same line.</summary>
    protected bool GoesOnStrayRun() => IsStrayWord(1) && !AtLineStart();

    /// <summary>
    /// A word at <paramref name="offset"/> that can be no part of a member after its unit: a name but
    /// not a point kind nor `range`, or a string (a unit written as one: `ai A kW "kWh"`).
    /// </summary>
    private bool IsStrayWord(int offset) =>
        (IsName(TokenStream.LA(offset)) && !IsPointKind(TokenStream.LT(offset)) && TokenStream.LA(offset) != RANGE)
        || TokenStream.LA(offset) == STRING;

    /// <summary>
    /// The token at <paramref name="offset"/> cannot go on the member before it: the next member
    /// (a point kind and a name), `range` (of the word before it), `}`, the end of the file,
    /// `attribute` or a token at the start of a line.
    /// </summary>
    private bool EndsMemberAt(int offset)
    {
        var type = TokenStream.LA(offset);
        if ((IsPointKind(TokenStream.LT(offset)) && IsName(TokenStream.LA(offset + 1))) || type == RANGE
            || type == RBRACE || type == Eof || type == ATTRIBUTE)
            return true;
        return StartsLine(offset);
    }

    /// <summary>True when a line break separates the token at <paramref name="offset"/> (2 or more) from the one before it.</summary>
    private bool StartsLine(int offset)
    {
        var token = TokenStream.LT(offset);
        var previous = TokenStream.LT(offset - 1);
        var between = token.InputStream.GetText(Antlr4.Runtime.Misc.Interval.Of(previous.StopIndex + 1, token.StartIndex - 1));
        return between.IndexOf('\n') >= 0 || between.IndexOf('\r') >= 0;
    }

    /// <summary>
    /// A word at the start of a member that is closer to `attribute` than to any point kind
    /// (`attribut R = 5`): the parser reads an attribute, and the compiler reports the word.
    /// </summary>
    protected virtual bool IsMisspeltAttribute() => false;

    private static bool IsPointKind(IToken token) => token.Text is "ai" or "di" or "pi" or "generic";

    private static bool IsTypeName(IToken token) => token.Text is "double" or "int" or "long" or "bool" or "string";

    /// <summary>An output starts the next line: `Name =`.</summary>
    protected bool StartsNextOutput() => TokenStream.LA(2) == ASSIGN && IsName(TokenStream.LA(1)) && AtLineStart();

    /// <summary>A rule option and its duration (`hold 5m` or `hold -5m`, not a point named hold) or the rule's body follow.</summary>
    protected bool StartsOptionOrBody() =>
        TokenStream.LA(1) == LBRACE || ((TokenStream.LA(1) == HOLD || TokenStream.LA(1) == LATENESS)
            && (TokenStream.LA(2) == DURATION || (TokenStream.LA(2) == MINUS && TokenStream.LA(3) == DURATION)));

    /// <summary>An energy clause starts the next line.</summary>
    protected bool StartsNextClause()
    {
        var type = TokenStream.LA(1);
        return (type == SLOPE || type == SCALE || type == DAILY || type == EVERY || type == ROLLOVER
            || type == SPLIT || type == RANGE || type == MISSING || type == LATENESS) && AtLineStart();
    }

    /// <summary>A setting starts the next line: a name and a value.</summary>
    protected bool StartsNextSetting()
    {
        var value = TokenStream.LA(2);
        return IsName(TokenStream.LA(1))
            && (IsName(value) || value == STRING || value == UNTERMINATED_STRING || value == NUMBER || value == DURATION
                || value == MALFORMED_NUMBER || value == MINUS || value == TRUE || value == FALSE)
            && AtLineStart();
    }

    /// <summary>True when a line break separates the next token from the previous one.</summary>
    protected bool AtLineStart()
    {
        var next = TokenStream.LT(1);
        var previous = TokenStream.LT(-1);
        if (next == null || previous == null || next.Type == Eof)
            return false;
        var from = previous.StopIndex + 1;
        var to = next.StartIndex - 1;
        if (to < from)
            return false;
        var between = next.InputStream.GetText(Antlr4.Runtime.Misc.Interval.Of(from, to));
        return between.IndexOf('\n') >= 0 || between.IndexOf('\r') >= 0;
    }

    // The tokens of the identifier rule; the soft keywords are declared in one run, AT to TUMBLING.
    private static bool IsName(int type) =>
        type == IDENTIFIER || type == QUOTED_IDENTIFIER || type == UNTERMINATED_QUOTED_IDENTIFIER || (type >= AT && type <= TUMBLING);
}

compilationUnit
    : declaration* EOF
    ;

declaration
    : jobDeclaration
    | importDeclaration
    | settingsDeclaration
    | modelDeclaration
    | aggregateRule
    | mergeRule
    | energyRule
    | alarmDeclaration
    | scheduleDeclaration
    ;

// ---- Job, imports, settings -------------------------------------------------------------

jobDeclaration
    : JOB name=identifier description=stringLiteral?
    ;

importDeclaration
    : IMPORT path=stringLiteral
    ;

settingsDeclaration
    : SETTINGS LBRACE setting* RBRACE
    ;

setting
    : key=identifier {!StartsNextSetting()}? settingValue
    ;

settingValue
    : durationLiteral          # durationSetting
    | stringLiteral            # stringSetting
    | MINUS? numberLiteral     # numberSetting
    | (TRUE | FALSE)           # booleanSetting
    | identifier               # nameSetting
    ;

// ---- Models -----------------------------------------------------------------------------

modelDeclaration
    : MODEL name=identifier LBRACE modelMember* RBRACE
    ;

modelMember
    : pointDeclaration
    | attributeDeclaration
    ;

// A word after a member on its line that ends that line or the model or that the next point
// or the point's range follows (a second unit in `ai A kW kW }`, or a run of words:
// `ai A kW kW kW ai B kW`, `ai A kW kW range [0, 1]`), or a second range (`ai A kW range [0, 1] range [0, 2]`): the compiler reports
// it, and reads the member before it as written.
strayMemberWord
    : {IsLoneWordAfterMember()}? strayWord ({GoesOnStrayRun()}? strayWord)*
    ;

strayWord
    : identifier
    | STRING
    ;

strayRange
    : RANGE interval
    ;

pointDeclaration
    : {!IsStrayWordAfterMember() && !IsMisspeltAttribute()}? kind=identifier {!StartsMemberOnNextLine()}? name=identifier typeAnnotation? strayDefault? (unit strayMemberWord?)? strayDefault? (RANGE interval strayRange?)? strayMemberWord?
    ;

// A default written after a point as after an attribute (`ai P: double = 0`, `ai P kW = 0`):
// the compiler reports it, and reads the point as written without it.
strayDefault
    : ASSIGN {!StartsNextMember()}? expression
    ;

attributeDeclaration
    : (ATTRIBUTE | {IsMisspeltAttribute()}? misspelt=IDENTIFIER) {!StartsMemberOnNextLine()}? name=identifier typeAnnotation? (ASSIGN {!StartsNextMember()}? defaultValue=expression)? unit? strayMemberWord?
    ;

// A type name after the colon is the type, on the next line too (`ai A:` then `double kW`); any
// other word that starts a member there is that member, the type left out.
typeAnnotation
    : COLON {IsTypeName(TokenStream.LT(1)) || !StartsNextMember()}? identifier
    ;

// `range` is never a unit: `ai A range` without its interval is the range left incomplete.
unit
    : {!StartsNextMember() && TokenStream.LA(1) != RANGE}? identifier
    | stringLiteral
    ;

// ---- aggregate --------------------------------------------------------------------------

aggregateRule
    : AGGREGATE model=identifier WINDOW window ruleOption* LBRACE aggregateOutput* RBRACE
    ;

window
    : TUMBLING size=durationLiteral (OFFSET offset=durationLiteral)?   # tumblingWindow
    | HOPPING size=durationLiteral STEP step=durationLiteral           # hoppingWindow
    | SESSION gap=durationLiteral (MAX limit=durationLiteral)?         # sessionWindow
    ;

// Options of aggregate and merge headers, in any order; the binder says which rule takes which.
ruleOption
    : LATENESS durationLiteral                               # latenessOption
    // `emit every 5m` leaves out the mode (early) rather than naming a mode "every" (the
    // compiler reports a mode left out). A period without its `every` (`emit early 5m`) is read
    // too, so that the compiler reports the `every` left out rather than a stray duration.
    | EMIT ({TokenStream.LA(1) != EVERY}? emitMode=identifier)? (EVERY? period=durationLiteral)?   # emitOption
    | STAMP identifier                                       # stampOption
    | HOLD durationLiteral                                   # holdOption
    ;

aggregateOutput
    : target=identifier ASSIGN {!StartsNextOutput()}? function=identifier LPAREN arguments? RPAREN
      (WHERE {!StartsNextOutput()}? condition=expression)? (FILL {!StartsNextOutput()}? fillValue=expression)?
    ;

// ---- merge ------------------------------------------------------------------------------

mergeRule
    : MERGE model=identifier mergeTrigger ruleOption* LBRACE mergeOutput* RBRACE
    ;

// `merge M on hold 5m {` leaves out the trigger point rather than naming a point "hold"
// (the compiler reports it).
mergeTrigger
    : ON ({!StartsOptionOrBody()}? pointReference)?          # onPointTrigger
    | EVERY durationLiteral      # everyTrigger
    ;

mergeOutput
    : target=identifier ASSIGN {!StartsNextOutput()}? expression
    ;

pointReference
    : first=identifier (COLON_COLON second=identifier)?
    ;

// ---- energy -----------------------------------------------------------------------------

// The options of the other rules' headers are read here too, so that one written in an
// energy header (`by meter hold 5m {`) is one error, at its keyword, and the body is still read.
// Clauses written in the header (`by meter daily D {`) are read as clauses, so that the compiler
// reports where they belong and binds the rule as meant; a header lateness is one of them. They
// come before any option of another rule's header: an option followed by an `every` clause would
// make every rule's `emit early every {` end its option at `early`.
energyRule
    : ENERGY model=identifier FROM source=pointReference BY method=identifier headerClauses+=energyClause* ruleOption*
      LBRACE energyClause* RBRACE
    ;

energyClause
    : SLOPE interval                                            # slopeClause
    | SCALE {!StartsNextClause()}? expression                   # scaleClause
    | DAILY {!StartsNextClause()}? identifier                   # dailyClause
    | EVERY durationLiteral {!StartsNextClause()}? identifier   # everyClause
    | ROLLOVER {!StartsNextClause()}? expression                # rolloverClause
    | SPLIT                                                     # splitClause
    | RANGE interval                                            # rangeClause
    | MISSING {!StartsNextClause()}? identifier                 # missingClause
    | LATENESS durationLiteral                                  # energyLatenessClause
    ;

// ---- alarm and schedule -----------------------------------------------------------------

alarmDeclaration
    : ALARM LBRACE alarmRule* RBRACE
    ;

alarmRule
    : ON alarmCondition (COMMA alarmCondition)* NOTIFY stringLiteral (COMMA stringLiteral)*
    ;

alarmCondition
    : metric=identifier (comparison alarmThreshold (PER per=durationLiteral)?)?
    ;

comparison
    : LESS | LESS_EQUAL | GREATER | GREATER_EQUAL | EQUAL | NOT_EQUAL
    ;

// The binder wants a number (a count) or a duration (a lag).
alarmThreshold
    : durationLiteral
    | MINUS? numberLiteral
    ;

// The binder checks the kind word and that the argument suits it (and reports a missing
// one as an incomplete schedule), so the argument and its joining word are optional here.
scheduleDeclaration
    : SCHEDULE kind=identifier scheduleArgument?
    ;

scheduleArgument
    : durationLiteral
    | AT? timeOfDay
    | AT
    | FILE? stringLiteral
    | FILE
    ;

// ---- Expressions, by precedence from high to low (ANTLR: earlier alternatives bind tighter).
// `x in INTERVAL` sits right below the comparisons, which parses every input as if they
// shared one left-associative level, as the language defines.

expression
    : LPAREN expression RPAREN                                          # parenthesizedExpression
    | function=identifier LPAREN arguments? RPAREN                      # callExpression
    | model=identifier COLON_COLON name=identifier                      # qualifiedNameExpression
    | identifier                                                        # nameExpression
    | numberLiteral                                                     # numberExpression
    | stringLiteral                                                     # stringExpression
    | (TRUE | FALSE)                                                    # booleanExpression
    | <assoc=right> left=expression op=CARET {!StartsNextOutput()}? right=expression      # powerExpression
    | op=(MINUS | NOT) operand=expression                                                 # unaryExpression
    | left=expression op=(STAR | SLASH | PERCENT) {!StartsNextOutput()}? right=expression # multiplicativeExpression
    | left=expression op=(PLUS | MINUS) {!StartsNextOutput()}? right=expression           # additiveExpression
    | left=expression op=(LESS | LESS_EQUAL | GREATER | GREATER_EQUAL) {!StartsNextOutput()}? right=expression # relationalExpression
    | operand=expression IN interval                                                      # inExpression
    | left=expression op=(EQUAL | NOT_EQUAL) {!StartsNextOutput()}? right=expression      # equalityExpression
    | left=expression op=AND {!StartsNextOutput()}? right=expression                      # andExpression
    | left=expression op=OR {!StartsNextOutput()}? right=expression                       # orExpression
    | <assoc=right> condition=expression QUESTION whenTrue=expression COLON whenFalse=expression # conditionalExpression
    | IF condition=expression THEN whenTrue=expression ELSE whenFalse=expression # ifExpression
    ;

arguments
    : {!StartsNextOutput()}? expression (COMMA {!StartsNextOutput()}? expression)*
    ;

// `[0, 100)`, `(-inf, 50]`: bounds are expressions or infinities.
interval
    : open=(LBRACKET | LPAREN) lower=intervalBound COMMA upper=intervalBound close=(RBRACKET | RPAREN)
    ;

intervalBound
    : sign=(PLUS | MINUS)? INF     # infiniteBound
    | expression                   # finiteBound
    ;

// ---- Names and literals -----------------------------------------------------------------

// Soft keywords are names wherever a name is expected.
identifier
    : IDENTIFIER
    | QUOTED_IDENTIFIER
    | UNTERMINATED_QUOTED_IDENTIFIER
    | AT | BY | DAILY | EMIT | EVERY | FILE | FROM | HOLD | HOPPING | LATENESS | MAX | MISSING
    | NOTIFY | OFFSET | ON | PER | RANGE | ROLLOVER | SCALE | SESSION | SLOPE | SPLIT | STAMP
    | STEP | TUMBLING
    ;

stringLiteral
    : STRING
    | UNTERMINATED_STRING
    ;

// A malformed number (`5min`) stands in for a number or a duration so parsing goes on; the
// compiler reports it once, as a bad literal.
numberLiteral
    : NUMBER
    | MALFORMED_NUMBER
    ;

// A sign is read so that `hold -5m` is one error, "cannot be negative", from the compiler,
// rather than a minus the parser did not expect.
durationLiteral
    : MINUS? (DURATION | MALFORMED_NUMBER)
    ;

timeOfDay
    : TIME_OF_DAY
    ;
