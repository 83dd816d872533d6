namespace Dsl.LanguageServer.Tests.Infrastructure;

/// <summary>
/// A source with a cursor written as a lone <c>|</c> (as in Bicep's tests); <c>||</c> is the
/// operator and is left alone.
/// </summary>
public sealed record MarkedSource(string Text, int Cursor)
{
    public static MarkedSource Parse(string marked)
    {
        for (var i = 0; i < marked.Length; i++)
        {
            if (marked[i] != '|')
                continue;
            var doubled = (i > 0 && marked[i - 1] == '|') || (i + 1 < marked.Length && marked[i + 1] == '|');
            if (!doubled)
                return new MarkedSource(marked.Remove(i, 1), i);
        }
        throw new ArgumentException("The source has no '|' cursor marker.", nameof(marked));
    }
}
