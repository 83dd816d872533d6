namespace Dsl.Compiler.Binding;

/// <summary><c>tumbling SIZE [offset D]</c>: fixed sizes align to the Unix epoch (plus the offset), calendar sizes to local time.</summary>
public sealed record BoundTumblingWindow(Duration Size, Duration Offset) : BoundWindow
{
    public override bool IsCalendar => Size.IsCalendar;
}
