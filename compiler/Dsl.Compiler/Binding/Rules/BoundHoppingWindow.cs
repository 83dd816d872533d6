namespace Dsl.Compiler.Binding;

/// <summary><c>hopping SIZE step STEP</c>: always fixed lengths; the size is a multiple of the step.</summary>
public sealed record BoundHoppingWindow(Duration Size, Duration Step) : BoundWindow
{
    public override bool IsCalendar => false;
}
