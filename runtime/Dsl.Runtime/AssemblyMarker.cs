namespace Dsl.Runtime;

/// <summary>Names this assembly, e.g. to add it as a metadata reference when compiling generated jobs.</summary>
public static class AssemblyMarker
{
}
