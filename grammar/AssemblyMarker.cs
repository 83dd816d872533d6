namespace Dsl.Grammar; internal static class AssemblyMarker {}
