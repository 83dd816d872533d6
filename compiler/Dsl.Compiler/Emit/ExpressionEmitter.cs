using System.Globalization;
using Dsl.Compiler.Binding;
using Dsl.Compiler.Planning;
using Dsl.Compiler.Symbols;
using Dsl.Compiler.Syntax;

namespace Dsl.Compiler.Emit;

/// <summary>
/// Compiles a bound expression into C# statements that leave its value in a local. Values that
/// can be missing are fetched with <c>Try…</c> calls; when one fails the statement given as
/// <c>onMissing</c> runs (a return, or a jump to the next alternative of a <c>coalesce</c>).
/// Conditionals, <c>&amp;&amp;</c>, <c>||</c> and <c>coalesce</c> compute lazily, but whether the
/// result is missing does not depend on which branch is taken (<see cref="GuardReads"/>). An
/// absent attribute always makes the rule skip the asset, even inside <c>coalesce</c>.
/// </summary>
internal sealed partial class ExpressionEmitter
{
    public const string MissingAttribute = "return EvalStatus.MissingAttribute;";

    private readonly CodeWriter _code;
    private readonly EvaluationContext _context;
    private readonly PlannedModel _model;
    private readonly MergeOperatorPlan? _merge;
    private int _next;

    public ExpressionEmitter(CodeWriter code, EvaluationContext context, PlannedModel model, MergeOperatorPlan? merge = null)
    {
        _code = code;
        _context = context;
        _model = model;
        _merge = merge;
    }

    private string Asset => _context == EvaluationContext.Merge ? "scope.Asset" : "asset";

    /// <summary>
    /// Writes the statements and returns a C# expression of the value's type: the expression
    /// missing (<paramref name="onMissing"/> runs) when any value it reads is, see <see cref="GuardReads"/>.
    /// </summary>
    public string Emit(BoundExpression expression, string onMissing)
    {
        GuardReads(expression, onMissing);
        return Compute(expression, onMissing);
    }

    private string Compute(BoundExpression expression, string onMissing) => expression switch
    {
        BoundLiteral literal => Literal(literal),
        BoundPointReference point => Point(point.Point, onMissing),
        BoundAttributeReference attribute => Attribute(attribute.Attribute),
        BoundUnaryExpression unary => Unary(unary, onMissing),
        BoundBinaryExpression binary => Binary(binary, onMissing),
        BoundConditionalExpression conditional => Conditional(conditional, onMissing),
        BoundConversion conversion => $"(({CSharpType(conversion.Type)}){Compute(conversion.Operand, onMissing)})",
        BoundCallExpression call => Call(call, onMissing),
        BoundHistoryCall history => History(history, onMissing),
        BoundTimeCall time => Time(time.Function),
        BoundInExpression test => In(test, onMissing),
        _ => throw new InvalidOperationException($"No code for {expression.GetType().Name}."),
    };

    public static string CSharpType(DataType type) => type switch
    {
        DataType.Double => "double",
        DataType.Long => "long",
        DataType.Int => "int",
        DataType.Bool => "bool",
        DataType.String => "string",
        _ => throw new InvalidOperationException($"No C# type for {type}."),
    };

    /// <summary>A value of the given type as the runtime's double (bool is 0/1).</summary>
    public static string AsNumber(string value, DataType type) => type switch
    {
        DataType.Bool => $"({value} ? 1d : 0d)",
        DataType.Double => value,
        _ => $"((double){value})",
    };

    private string Temp(string prefix = "t") => prefix + (_next++).ToString(CultureInfo.InvariantCulture);

    private string Declare(DataType type)
    {
        var name = Temp();
        _code.Line($"{CSharpType(type)} {name};");
        return name;
    }

    /// <summary>The runtime hands every point value over as a double (or text): narrow it to the point's type.</summary>
    private static string FromNumber(string value, DataType type) => type switch
    {
        DataType.Bool => $"({value} != 0d)",
        DataType.Long => $"((long){value})",
        DataType.Int => $"((int){value})",
        _ => value,
    };

    private static string Literal(BoundLiteral literal) => literal.Value switch
    {
        double d => Parenthesize(CSharpNames.Literal(d)),
        long l => Parenthesize(CSharpNames.Literal(l)),
        int i => Parenthesize(i.ToString(CultureInfo.InvariantCulture)),
        bool b => CSharpNames.Literal(b),
        string s => CSharpNames.Literal(s),
        _ => throw new InvalidOperationException($"No literal for {literal.Value.GetType().Name}."),
    };

    private static string Parenthesize(string text) => text.StartsWith('-') ? $"({text})" : text;
}
