using Dsl.Compiler.Syntax;

namespace Dsl.LanguageServer.Analysis;

/// <summary>
/// The names that are attributes in a file and the files it imports, for colouring: each bare
/// (<c>K</c>) and qualified by its model (<c>M::K</c>), so that a name is told from a point of
/// another model with the same name.
/// </summary>
public static class AttributeNames
{
    public static HashSet<string> Collect(SyntaxTree tree)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var model in tree.Root.DescendantsAndSelf().OfType<ModelDeclarationSyntax>())
            Add(model, names);
        return names;
    }

    /// <summary>Adds the attributes of a model to a set of attribute names: each bare and qualified by the model.</summary>
    public static void Add(ModelDeclarationSyntax model, ISet<string> names)
    {
        foreach (var attribute in model.Members.OfType<AttributeDeclarationSyntax>())
        {
            names.Add(attribute.Name.Text);
            names.Add(Qualified(model.Name.Text, attribute.Name.Text));
        }
    }

    /// <summary>The key of a model's member in a set of attribute names (names are unquoted, so a backticked model matches too).</summary>
    public static string Qualified(string model, string member) => model + "\u0000" + member;
}
