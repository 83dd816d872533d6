using System.Security.Cryptography;
using Dsl.TestUtilities;

namespace Dsl.Compiler.Tests.Parsing;

/// <summary>The committed C# under grammar/Generated must come from the committed grammar.</summary>
public sealed class GeneratedParserIsCurrentTests
{
    [Fact]
    public void Generated_parser_matches_the_grammar_files()
    {
        // The same hash grammar/generate.sh stamps: SHA-256 over both grammars, lexer first,
        // with carriage returns removed.
        var bytes = File.ReadAllBytes(RepoPaths.Combine("grammar", "StreamLexer.g4"))
            .Concat(File.ReadAllBytes(RepoPaths.Combine("grammar", "StreamParser.g4")))
            .Where(b => b != (byte)'\r')
            .ToArray();
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var stamped = File.ReadAllText(RepoPaths.Combine("grammar", "Generated", "GrammarHash.txt")).Trim();

        Assert.True(stamped == actual,
            $"grammar/Generated is stale: the .g4 files hash to {actual} but the generated code was made from {stamped}. Run grammar/generate.sh and commit its output.");
    }

    [Fact]
    public void Generated_parser_sources_are_present()
    {
        foreach (var file in new[] { "StreamLexer.cs", "StreamParser.cs", "StreamParserVisitor.cs", "StreamParserBaseVisitor.cs" })
            Assert.True(File.Exists(RepoPaths.Combine("grammar", "Generated", file)), $"grammar/Generated/{file} is missing; run grammar/generate.sh.");
    }
}
