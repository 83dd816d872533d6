using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dsl.LanguageServer.Analysis;
using Dsl.LanguageServer.Documents;
using Dsl.LanguageServer.Handlers.CodeActions;
using Dsl.LanguageServer.Handlers.Completion;
using Dsl.LanguageServer.Handlers.Definition;
using Dsl.LanguageServer.Handlers.Diagnostics;
using Dsl.LanguageServer.Handlers.DocumentHighlights;
using Dsl.LanguageServer.Handlers.DocumentSymbols;
using Dsl.LanguageServer.Handlers.FoldingRanges;
using Dsl.LanguageServer.Handlers.Formatting;
using Dsl.LanguageServer.Handlers.Hover;
using Dsl.LanguageServer.Handlers.References;
using Dsl.LanguageServer.Handlers.Rename;
using Dsl.LanguageServer.Handlers.SignatureHelp;
using Dsl.LanguageServer.Handlers.SemanticTokens;
using Dsl.LanguageServer.Handlers.WorkspaceSymbols;
using Dsl.LanguageServer.Protocol;
using Dsl.LanguageServer.Protocol.Messages;

namespace Dsl.LanguageServer;

/// <summary>
/// One LSP session: the lifecycle (initialize, shutdown, exit), text synchronisation and
/// the routing of requests to the feature handlers.
/// </summary>
public sealed class LanguageServer
{
    private const int WaitingForInitialize = 0;
    private const int Running = 1;
    private const int ShutDown = 2;

    private readonly JsonRpcConnection _connection;
    private readonly TextWriter _log;
    private readonly Workspace _workspace = new();
    private readonly DiagnosticsPublisher _diagnostics;
    private readonly CompletionHandler _completion;
    private readonly RenameHandler _rename;
    private bool _registersFileWatchers;
    private int _state = WaitingForInitialize;
    private int? _exitCode;

    public LanguageServer(Stream input, Stream output, TextWriter log, LanguageServerOptions options)
    {
        _log = log;
        _connection = new JsonRpcConnection(input, output, log)
        {
            RequestFilter = FilterRequest,
            RequestArrived = () =>
            {
                var documents = _workspace.Documents.Snapshot();
                return () => _workspace.Documents.UseSnapshot(documents);
            },
        };
        _diagnostics = new DiagnosticsPublisher(
            _workspace,
            p => _connection.SendNotificationAsync("textDocument/publishDiagnostics", Serialize(p)),
            options.DiagnosticsDelay,
            log);
        _completion = new CompletionHandler(_workspace);
        _rename = new RenameHandler(_workspace);
        Register();
    }

    public Workspace Workspace => _workspace;

    /// <summary>Serves until <c>exit</c> (0 after <c>shutdown</c>, 1 without) or until the client disconnects (0).</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await _connection.RunAsync(cancellationToken).ConfigureAwait(false);
        return _exitCode ?? 0;
    }

    public static InitializeResult Capabilities() => new(
        new ServerCapabilities(
            new TextDocumentSyncOptions(OpenClose: true, Change: 2, Save: new SaveOptions(IncludeText: false)),
            new CompletionOptions([":", "\"", "(", "="], ResolveProvider: false),
            HoverProvider: true,
            DefinitionProvider: true,
            ReferencesProvider: true,
            DocumentHighlightProvider: true,
            new RenameOptions(PrepareProvider: true),
            DocumentSymbolProvider: true,
            WorkspaceSymbolProvider: true,
            DocumentFormattingProvider: true,
            FoldingRangeProvider: true,
            new SemanticTokensOptions(SemanticTokenLegend.Legend, Full: true, Range: false),
            new SignatureHelpOptions(["(", ","], [","]),
            new CodeActionOptions(["quickfix"]),
            new WorkspaceServerCapabilities(new WorkspaceFoldersServerCapabilities(Supported: true, ChangeNotifications: true))),
        new ServerInfo("dsl-language-server", typeof(LanguageServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0"));

    private JsonRpcException? FilterRequest(string method) => (Volatile.Read(ref _state), method) switch
    {
        (WaitingForInitialize, "initialize") => null,
        (WaitingForInitialize, _) => new JsonRpcException(ErrorCodes.ServerNotInitialized, "The server is not initialized yet; send 'initialize' first."),
        (Running, "initialize") => new JsonRpcException(ErrorCodes.InvalidRequest, "The server is already initialized."),
        (ShutDown, _) => new JsonRpcException(ErrorCodes.InvalidRequest, "The server is shutting down; only 'exit' is accepted."),
        _ => null,
    };

    private bool IsRunning => Volatile.Read(ref _state) == Running;

    private void Register()
    {
        Request<InitializeParams, InitializeResult>("initialize", Initialize);
        _connection.OnRequest("shutdown", (_, _) =>
        {
            Volatile.Write(ref _state, ShutDown);
            return Task.FromResult<JsonNode?>(null);
        });
        _connection.OnNotification("exit", (_, _) =>
        {
            _exitCode = Volatile.Read(ref _state) == ShutDown ? 0 : 1;
            _connection.Stop();
            return Task.CompletedTask;
        });
        // A client that watches only what the server registers (Neovim) is asked to report the job
        // files changed on disk (a checkout, `dsl revert`); VS Code's extension watches them itself.
        _connection.OnNotification("initialized", (_, _) => _registersFileWatchers
            ? _connection.SendRequestAsync("client/registerCapability", new JsonObject
            {
                ["registrations"] = new JsonArray(new JsonObject
                {
                    ["id"] = "stream-files",
                    ["method"] = "workspace/didChangeWatchedFiles",
                    ["registerOptions"] = new JsonObject { ["watchers"] = new JsonArray(new JsonObject { ["globPattern"] = "**/*.stream" }) },
                }),
            })
            : Task.CompletedTask);

        Notification<DidOpenTextDocumentParams>("textDocument/didOpen", p =>
        {
            _workspace.Documents.Open(p.TextDocument.Uri, p.TextDocument.Version, p.TextDocument.Text);
            _diagnostics.ScheduleAll(_connection.Lifetime);
        });
        Notification<DidChangeTextDocumentParams>("textDocument/didChange", p =>
        {
            if (_workspace.Documents.Change(p.TextDocument.Uri, p.TextDocument.Version, p.ContentChanges) is not null)
                _diagnostics.ScheduleAll(_connection.Lifetime);
        });
        _connection.OnNotification("textDocument/didClose", async (node, _) =>
        {
            if (!IsRunning || Deserialize<DidCloseTextDocumentParams>(node) is not { } p)
                return;
            _workspace.Documents.Close(p.TextDocument.Uri);
            _workspace.Forget(p.TextDocument.Uri);
            await _diagnostics.ClearAsync(p.TextDocument.Uri).ConfigureAwait(false);
            _diagnostics.ScheduleAll(_connection.Lifetime);
        });
        _connection.OnNotification("textDocument/didSave", (_, _) => Task.CompletedTask);

        // A folder added to or removed from the workspace: searched by workspace symbols and for the
        // jobs that import a library (references, rename) from the next request on. An untitled
        // buffer moves to the new first folder, where its imports now resolve.
        Notification<DidChangeWorkspaceFoldersParams>("workspace/didChangeWorkspaceFolders", p =>
        {
            foreach (var folder in p.Event.Removed)
                _workspace.RemoveRoot(DocumentUri.ToPath(folder.Uri));
            foreach (var folder in p.Event.Added)
                _workspace.AddRoot(DocumentUri.ToPath(folder.Uri));
            if (_workspace.Documents.RelocateUntitled())
                _diagnostics.ScheduleAll(_connection.Lifetime);
        });

        // A library changed on disk (a checkout, `dsl revert`, another editor): every open file
        // that imports it sees the change, as it sees an edit to an open library. Saving an open
        // file changes nothing the server reads.
        _connection.OnNotification("workspace/didChangeWatchedFiles", (node, _) =>
        {
            if (IsRunning && FilesChanged(node))
                _diagnostics.ScheduleAll(_connection.Lifetime);
            return Task.CompletedTask;
        });

        var formatting = new FormattingHandler(_workspace);
        var documentSymbols = new DocumentSymbolsHandler(_workspace);
        var workspaceSymbols = new WorkspaceSymbolsHandler(_workspace);
        var semanticTokens = new SemanticTokensHandler(_workspace);
        var foldingRanges = new FoldingRangesHandler(_workspace);
        Request<DocumentFormattingParams, TextEdit[]>("textDocument/formatting", formatting.Handle);
        Request<DocumentSymbolParams, DocumentSymbol[]>("textDocument/documentSymbol", documentSymbols.Handle);
        Request<WorkspaceSymbolParams, SymbolInformation[]>("workspace/symbol", workspaceSymbols.Handle);
        Request<SemanticTokensParams, Protocol.Messages.SemanticTokens>("textDocument/semanticTokens/full", semanticTokens.Handle);
        Request<FoldingRangeParams, FoldingRange[]>("textDocument/foldingRange", foldingRanges.Handle);

        var hover = new HoverHandler(_workspace);
        var definition = new DefinitionHandler(_workspace);
        var references = new ReferencesHandler(_workspace);
        var highlights = new DocumentHighlightsHandler(_workspace);
        var signatureHelp = new SignatureHelpHandler(_workspace);
        var codeActions = new CodeActionsHandler(_workspace);
        Request<CompletionParams, CompletionList>("textDocument/completion", _completion.Handle);
        Request<TextDocumentPositionParams, Hover>("textDocument/hover", hover.Handle);
        Request<TextDocumentPositionParams, Location[]>("textDocument/definition", definition.Handle);
        Request<ReferenceParams, Location[]>("textDocument/references", references.Handle);
        Request<TextDocumentPositionParams, DocumentHighlight[]>("textDocument/documentHighlight", highlights.Handle);
        Request<TextDocumentPositionParams, PrepareRenameResult>("textDocument/prepareRename", _rename.Prepare);
        Request<RenameParams, WorkspaceEdit>("textDocument/rename", _rename.Handle);
        Request<SignatureHelpParams, Protocol.Messages.SignatureHelp>("textDocument/signatureHelp", signatureHelp.Handle);
        Request<CodeActionParams, CodeAction[]>("textDocument/codeAction", codeActions.Handle);
    }

    /// <summary>Notes the files a watcher reports; an event that names none makes every file count as changed.</summary>
    private bool FilesChanged(JsonNode? parameters)
    {
        try
        {
            if (Deserialize<DidChangeWatchedFilesParams>(parameters) is { } changed)
                return _workspace.Documents.FilesChanged(changed.Changes.Select(c => DocumentUri.ToPath(c.Uri)));
        }
        catch (Exception ex) when (ex is JsonException or JsonRpcException)
        {
            // Not the events LSP describes: which files changed is unknown.
        }
        _workspace.Documents.FilesChanged();
        return true;
    }

    private InitializeResult Initialize(InitializeParams parameters, CancellationToken cancellationToken)
    {
        foreach (var folder in parameters.WorkspaceFolders ?? [])
            _workspace.AddRoot(DocumentUri.ToPath(folder.Uri));
        if (parameters.WorkspaceFolders is null && (parameters.RootUri ?? parameters.RootPath) is { } root)
            _workspace.AddRoot(root.Contains("://", StringComparison.Ordinal) ? DocumentUri.ToPath(root) : root);
        _completion.SnippetSupport = parameters.Capabilities?.SnippetSupport == true;
        _rename.RenamesFiles = parameters.Capabilities?.RenamesFiles == true;
        _registersFileWatchers = parameters.Capabilities?.RegistersFileWatchers == true;
        Volatile.Write(ref _state, Running);
        _log.WriteLine("[lsp] initialized");
        return Capabilities();
    }

    private void Request<TParams, TResult>(string method, Func<TParams, CancellationToken, TResult?> handler)
        where TParams : notnull
    {
        _connection.OnRequest(method, (node, cancellationToken) =>
        {
            var parameters = Deserialize<TParams>(node)
                ?? throw new JsonRpcException(ErrorCodes.InvalidParams, $"Invalid params for {method}: params are required.");
            var result = handler(parameters, cancellationToken);
            return Task.FromResult(result is null ? null : Serialize(result));
        });
    }

    private void Notification<TParams>(string method, Action<TParams> handler)
    {
        _connection.OnNotification(method, (node, _) =>
        {
            if (IsRunning && Deserialize<TParams>(node) is { } parameters)
                handler(parameters);
            return Task.CompletedTask;
        });
    }

    private static T? Deserialize<T>(JsonNode? node)
    {
        if (node is null)
            return default;
        var info = LspJsonContext.Default.GetTypeInfo(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the serialization context.");
        try
        {
            return (T?)JsonSerializer.Deserialize(node, info);
        }
        catch (InvalidOperationException ex)
        {
            // A string escaping half of a surrogate pair parses as JSON but cannot become text.
            throw new JsonRpcException(ErrorCodes.InvalidParams, $"Invalid params: {ex.Message}");
        }
    }

    private static JsonNode? Serialize(object value)
    {
        var info = LspJsonContext.Default.GetTypeInfo(value.GetType())
            ?? throw new InvalidOperationException($"{value.GetType().Name} is not in the serialization context.");
        return JsonSerializer.SerializeToNode(value, info);
    }
}
