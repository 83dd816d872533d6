namespace Dsl.Runtime; internal static class AssemblyMarker {}
