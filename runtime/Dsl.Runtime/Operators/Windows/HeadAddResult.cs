namespace Dsl.Runtime.Operators.Windows;

/// <summary>
/// What adding one record to a head did, for the operator to count exactly as its general path
/// would: whether any output took a value, whether an attribute was missing, and how many outputs
/// computed a value that is not finite.
/// </summary>
public struct HeadAddResult
{
    public bool Added;
    public bool MissingAttribute;
    public int InvalidResults;
}
