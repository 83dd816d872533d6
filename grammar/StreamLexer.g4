// Tokens of the .stream language (docs/language.md, "Lexical structure").
//
// Every character of a file ends up in exactly one token, so the token stream gives the
// text back unchanged: whitespace and comments go to the hidden channel instead of being
// skipped, and characters that start no token become ERROR tokens instead of lexer errors.
// Malformed literals (unterminated strings and quoted names, numbers glued to letters) are
// tokens of their own so the parser can carry on and the compiler can say exactly what is
// wrong with them.
lexer grammar StreamLexer;

// ---- Reserved keywords: the structural words of declarations and expressions. -------------
JOB        : 'job';
IMPORT     : 'import';
SETTINGS   : 'settings';
MODEL      : 'model';
ATTRIBUTE  : 'attribute';
AGGREGATE  : 'aggregate';
MERGE      : 'merge';
ENERGY     : 'energy';
ALARM      : 'alarm';
SCHEDULE   : 'schedule';
WINDOW     : 'window';
WHERE      : 'where';
FILL       : 'fill';
IF         : 'if';
THEN       : 'then';
ELSE       : 'else';
IN         : 'in';
TRUE       : 'true';
FALSE      : 'false';
INF        : 'inf';

// ---- Soft keywords: meaningful in one position, ordinary names everywhere else. ----------
// The parser's `identifier` rule admits them, so `max(x)` is a call while
// `session 30m max 8h` bounds a session, and a point may be called `range`.
AT         : 'at';
BY         : 'by';
DAILY      : 'daily';
EMIT       : 'emit';
EVERY      : 'every';
FILE       : 'file';
FROM       : 'from';
HOLD       : 'hold';
HOPPING    : 'hopping';
LATENESS   : 'lateness';
MAX        : 'max';
MISSING    : 'missing';
NOTIFY     : 'notify';
OFFSET     : 'offset';
ON         : 'on';
PER        : 'per';
RANGE      : 'range';
ROLLOVER   : 'rollover';
SCALE      : 'scale';
SESSION    : 'session';
SLOPE      : 'slope';
SPLIT      : 'split';
STAMP      : 'stamp';
STEP       : 'step';
TUMBLING   : 'tumbling';

// ---- Literals. ----------------------------------------------------------------------------
// A time of day comes before numbers so `02:00` is one token.
TIME_OF_DAY : DIGIT DIGIT? ':' DIGIT DIGIT;

DURATION   : DIGIT+ ('ms' | 's' | 'm' | 'h' | 'd' | 'w' | 'mo');

NUMBER     : DIGIT+ ('.' DIGIT+)? ([eE] [+-]? DIGIT+)?;

// A number run into letters or dots (`5min`, `1.5h`, `1e`, `0..1`): longer than any valid
// NUMBER or DURATION prefix, so it wins and is reported as one bad literal.
MALFORMED_NUMBER : DIGIT [0-9A-Za-z_.]*;

STRING     : '"' STRING_CHAR* '"';

// Runs to the end of the line; the parser accepts it as a string.
UNTERMINATED_STRING : '"' STRING_CHAR* '\\'?;

IDENTIFIER : [A-Za-z_] [A-Za-z0-9_]*;

QUOTED_IDENTIFIER : '`' ~[`\r\n]* '`';

UNTERMINATED_QUOTED_IDENTIFIER : '`' ~[`\r\n]*;

// ---- Operators and punctuation. -----------------------------------------------------------
COLON_COLON : '::';
EQUAL       : '==';
NOT_EQUAL   : '!=';
LESS_EQUAL  : '<=';
GREATER_EQUAL : '>=';
AND         : '&&';
OR          : '||';
LESS        : '<';
GREATER     : '>';
ASSIGN      : '=';
NOT         : '!';
PLUS        : '+';
MINUS       : '-';
STAR        : '*';
SLASH       : '/';
PERCENT     : '%';
CARET       : '^';
QUESTION    : '?';
COLON       : ':';
COMMA       : ',';
LPAREN      : '(';
RPAREN      : ')';
LBRACKET    : '[';
RBRACKET    : ']';
LBRACE      : '{';
RBRACE      : '}';

// ---- Trivia. ------------------------------------------------------------------------------
WHITESPACE  : [ \t\r\n\f\u000B]+ -> channel(HIDDEN);

LINE_COMMENT : '//' ~[\r\n]* -> channel(HIDDEN);

BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN);

// Cannot reach a '*/' (BLOCK_COMMENT would be longer), so it only wins when the comment
// runs to the end of the file.
UNTERMINATED_BLOCK_COMMENT : '/*' (~'*' | '*'+ ~[*/])* '*'* -> channel(HIDDEN);

// ---- Anything else. -----------------------------------------------------------------------
// A run of characters that cannot start a token is one token (binary input stays small);
// a lone '&' or '|' is one too. These stay on the default channel so the parser stops at
// them instead of silently gluing their neighbours together.
ERROR_CHARACTERS : ~[ \t\r\n\f\u000BA-Za-z0-9_"`/(){}[\],:=<>!+\-*%^?&|]+ | .;

fragment DIGIT : [0-9];

fragment STRING_CHAR : ~["\\\r\n] | '\\' ~[\r\n];
