using Dsl.Compiler;
using Dsl.LanguageServer.Documents;

namespace Dsl.LanguageServer.Analysis;

/// <summary>A compilation with the document snapshot and workspace generation it was made from, and the files it read.</summary>
internal sealed record CachedCompilation(TextDocument Document, long Generation, Compilation Compilation, RecordingResolver Reads);
