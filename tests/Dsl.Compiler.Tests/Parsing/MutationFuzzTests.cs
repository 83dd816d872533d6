using System.Text;
using Dsl.Compiler.Syntax;
using Xunit.Sdk;

namespace Dsl.Compiler.Tests.Parsing;

/// <summary>
/// Seeded random mutations of every sample (characters and whole tokens deleted, inserted,
/// duplicated and swapped): parsing never throws and every invariant holds. A failure
/// prints the seed, the sample and the mutated text so it can be turned into a test.
/// </summary>
public sealed class MutationFuzzTests
{
    private const int Mutations = 2_500;

    // Characters that matter to the lexer and parser, plus a few it has never heard of.
    private const string Alphabet = "{}()[],:;=<>!+-*/%^?&|\"`\\ \n\t\r09azAZ_.#$@é€\u0000\u00A0";

    private static readonly string[] Words =
    [
        "job", "model", "merge", "aggregate", "energy", "alarm", "schedule", "settings", "import", "attribute",
        "window", "where", "fill", "if", "then", "else", "in", "inf", "on", "every", "max", "session", "10m", "02:00",
        "1e3", "\"s\"", "`q`", "/*", "*/", "//", "::", "==", "&&", "||",
    ];

    [Fact]
    public void Random_mutations_never_throw_and_keep_every_invariant()
    {
        var samples = SyntaxSamples.All()
            .Select(sample => (sample.Name, sample.Text, Tokens: SyntaxTree.Parse(sample.Text).Tokens.Where(t => !t.IsTrivia).ToArray()))
            .ToArray();
        var random = new Random(20_240_601);
        for (var i = 0; i < Mutations; i++)
        {
            var (name, original, tokens) = samples[random.Next(samples.Length)];
            var text = original;
            var steps = 1 + random.Next(4);
            for (var step = 0; step < steps; step++)
                text = Mutate(text, tokens, random);

            try
            {
                SyntaxAssert.Invariants(SyntaxTree.Parse(text));
            }
            catch (Exception e)
            {
                throw new XunitException($"Mutation {i} of sample {name} broke the parser: {e.Message}\n--- text ---\n{text}");
            }
        }
    }

    private static string Mutate(string text, SyntaxToken[] tokens, Random random)
    {
        if (text.Length == 0)
            return Alphabet[random.Next(Alphabet.Length)].ToString();
        var position = random.Next(text.Length);
        // Token operations use the original tokens' spans while they still fit the text.
        var token = tokens.Length > 0 ? tokens[random.Next(tokens.Length)] : default;
        var tokenFits = tokens.Length > 0 && token.Span.End <= text.Length;
        switch (random.Next(8))
        {
            case 0:
                return text.Remove(position, 1);
            case 1:
                return text.Insert(position, Alphabet[random.Next(Alphabet.Length)].ToString());
            case 2:
                return text.Insert(position, text[position].ToString());
            case 3 when position + 1 < text.Length:
                var chars = text.ToCharArray();
                (chars[position], chars[position + 1]) = (chars[position + 1], chars[position]);
                return new string(chars);
            case 4 when tokenFits:
                return text.Remove(token.Span.Start, token.Span.Length);
            case 5 when tokenFits:
                return text.Insert(token.Span.Start, token.Text + " ");
            case 6 when tokenFits:
                var other = tokens[random.Next(tokens.Length)];
                return text.Remove(token.Span.Start, token.Span.Length).Insert(token.Span.Start, other.Text);
            default:
                return new StringBuilder(text).Insert(position, " " + Words[random.Next(Words.Length)] + " ").ToString();
        }
    }
}
