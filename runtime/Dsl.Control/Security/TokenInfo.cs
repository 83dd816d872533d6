using Dsl.Control.V1;

namespace Dsl.Control.Security;

/// <summary>A stored token as <c>dsl token list</c> would show it: never its secret.</summary>
/// <param name="Name">The unique name.</param>
/// <param name="Role">What it may do.</param>
/// <param name="Created">When it was created.</param>
public sealed record TokenInfo(string Name, Role Role, DateTimeOffset Created);
