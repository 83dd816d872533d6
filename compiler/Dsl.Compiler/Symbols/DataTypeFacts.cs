namespace Dsl.Compiler.Symbols;

/// <summary>Type rules shared by the binder, the code generator and the editor.</summary>
public static class DataTypeFacts
{
    public static bool IsNumeric(this DataType type) => type is DataType.Double or DataType.Long or DataType.Int;

    /// <summary>The keyword that names the type in source (double, long, int, bool, string).</summary>
    public static string ToKeyword(this DataType type) => type switch
    {
        DataType.Double => "double",
        DataType.Long => "long",
        DataType.Int => "int",
        DataType.Bool => "bool",
        DataType.String => "string",
        _ => "?",
    };

    /// <summary>
    /// Whether a value of <paramref name="from"/> can be used where <paramref name="to"/> is
    /// expected: the same type, or a number widened (int to long, int and long to double), as
    /// arithmetic widens them (<see cref="WiderNumeric"/>).
    /// </summary>
    public static bool IsAssignableTo(this DataType from, DataType to) =>
        from == to || (to == DataType.Double && from is DataType.Int or DataType.Long) || (to == DataType.Long && from == DataType.Int);

    /// <summary>The common numeric type of two numeric types (int &lt; long &lt; double).</summary>
    public static DataType WiderNumeric(DataType left, DataType right) =>
        left == DataType.Double || right == DataType.Double ? DataType.Double
        : left == DataType.Long || right == DataType.Long ? DataType.Long
        : DataType.Int;
}
