using Dsl.Control.V1;
using Microsoft.AspNetCore.Http;

namespace Dsl.Control.Wire;

/// <summary>A plain HTTP endpoint served beside the rpcs (e.g. <c>/metrics</c>, <c>/ingest</c>, <c>/git/</c>).</summary>
internal sealed record HttpRoute(string PathPrefix, Role RequiredRole, RequestDelegate Handler)
{
    public bool Matches(PathString path)
    {
        var value = path.Value ?? string.Empty;
        if (PathPrefix.EndsWith('/'))
        {
            return value.StartsWith(PathPrefix, StringComparison.Ordinal) || value == PathPrefix[..^1];
        }

        return value == PathPrefix;
    }
}
