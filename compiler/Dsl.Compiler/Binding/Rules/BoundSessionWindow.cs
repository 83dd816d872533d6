namespace Dsl.Compiler.Binding;

/// <summary><c>session GAP [max D]</c>: a window closes after GAP without records, or when it reaches MAX.</summary>
public sealed record BoundSessionWindow(Duration Gap, Duration? Max) : BoundWindow
{
    public override bool IsCalendar => false;
}
