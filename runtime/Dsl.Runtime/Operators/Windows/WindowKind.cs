namespace Dsl.Runtime.Operators.Windows;

public enum WindowKind : byte
{
    Tumbling,
    Hopping,
    Session,
}
