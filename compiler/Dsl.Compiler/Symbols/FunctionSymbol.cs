namespace Dsl.Compiler.Symbols;

/// <summary>
/// A built-in function, with what the editor shows for it: a signature and a one-line doc.
/// <see cref="Function"/> is the enum the bound tree uses (<see cref="ScalarFunction"/>,
/// <see cref="HistoryFunction"/>, <see cref="TimeFunction"/> or <see cref="AggregateFunction"/>).
/// </summary>
public sealed class FunctionSymbol : Symbol
{
    internal FunctionSymbol(string name, FunctionCategory category, Enum function, string signature, string documentation, int minArguments, int maxArguments)
        : base(name, null, default, default)
    {
        Category = category;
        Function = function;
        Signature = signature;
        Documentation = documentation;
        MinArguments = minArguments;
        MaxArguments = maxArguments;
    }

    public override SymbolKind Kind => SymbolKind.Function;

    public FunctionCategory Category { get; }

    public Enum Function { get; }

    /// <summary>For signature help and hover, e.g. <c>round(x, digits?) → double</c>.</summary>
    public string Signature { get; }

    /// <summary>One sentence for hover and completion.</summary>
    public string Documentation { get; }

    public int MinArguments { get; }

    /// <summary><see cref="int.MaxValue"/> for functions that take any number of arguments.</summary>
    public int MaxArguments { get; }
}
