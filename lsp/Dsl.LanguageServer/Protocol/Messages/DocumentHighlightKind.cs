namespace Dsl.LanguageServer.Protocol.Messages;

/// <summary>The LSP document highlight kinds.</summary>
public static class DocumentHighlightKind
{
    /// <summary>A textual match, not one of the symbol (the server sends none).</summary>
    public const int Text = 1;

    /// <summary>A use of the symbol: a point or attribute read, a model named by a rule, a function called.</summary>
    public const int Read = 2;

    /// <summary>Where the symbol gets a value or its definition: a point as the target of an output, a declaration.</summary>
    public const int Write = 3;
}
