using Dsl.Compiler.Symbols;
using Dsl.LanguageServer.Analysis;
using Dsl.LanguageServer.Documents;
using Dsl.LanguageServer.Language;
using Dsl.LanguageServer.Protocol.Messages;

namespace Dsl.LanguageServer.Handlers.SignatureHelp;

/// <summary>textDocument/signatureHelp: the signature of the built-in function being called, with the current argument.</summary>
public sealed class SignatureHelpHandler(Workspace workspace)
{
    private readonly Workspace _workspace = workspace;

    public Protocol.Messages.SignatureHelp? Handle(SignatureHelpParams request, CancellationToken cancellationToken)
    {
        var document = _workspace.GetDocument(request.TextDocument.Uri);
        var position = TextPositions.ToOffset(document.Source, request.Position);
        var call = CallSiteFinder.Find(_workspace.GetSyntax(document).Tree, position);
        if (call is null)
            return null;
        var function = call.IsAggregateOutput
            ? BuiltinFunctions.AggregateFunctions.GetValueOrDefault(call.Function) ?? BuiltinFunctions.ExpressionFunctions.GetValueOrDefault(call.Function)
            : BuiltinFunctions.ExpressionFunctions.GetValueOrDefault(call.Function) ?? BuiltinFunctions.AggregateFunctions.GetValueOrDefault(call.Function);
        if (function is null)
            return null;

        var parameters = ParameterLabels(function.Signature).Select(p => new ParameterInformation(p)).ToArray();
        var active = parameters.Length == 0 ? 0 : Math.Min(call.ArgumentIndex, parameters.Length - 1);
        var signature = new SignatureInformation(function.Signature, new MarkupContent("markdown", function.Documentation), parameters, active);
        return new Protocol.Messages.SignatureHelp([signature], 0, active);
    }

    /// <summary>
    /// The parameters as written in the signature, "round(x, digits?) → double" giving "x" and
    /// "digits?". A trailing "…" (min, max, coalesce) is a parameter too, so that the third
    /// argument and every one after it highlight it: they are the ones it stands for.
    /// </summary>
    public static IReadOnlyList<string> ParameterLabels(string signature)
    {
        var open = signature.IndexOf('(');
        var close = signature.IndexOf(')', Math.Max(open, 0));
        if (open < 0 || close <= open + 1)
            return [];
        return signature[(open + 1)..close].Split(',').Select(p => p.Trim()).Where(p => p.Length > 0).ToArray();
    }
}
