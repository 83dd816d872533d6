namespace Dsl.LanguageServer.Tests.EndToEnd;

/// <summary>A fact that is skipped, with the reason, on a machine without <c>node</c>; everywhere else it runs.</summary>
public sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        if (NodeJs.Find("node") is null)
            Skip = "node is not installed (needed for the end-to-end test with the vscode-languageserver-protocol client)";
    }
}
