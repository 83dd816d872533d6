using System.Globalization;
using Dsl.Compiler.Symbols;

namespace Dsl.LanguageServer.Language;

/// <summary>How symbols read in completion details and hovers: as they would be declared.</summary>
public static class SymbolDescriptions
{
    public static string Signature(PointSymbol point)
    {
        var parts = new List<string> { KindWord(point.PointKind), $"{LanguageFacts.Quote(point.Name)}: {point.Type.ToKeyword()}" };
        if (point.Unit is { } unit)
            parts.Add(LanguageFacts.IsIdentifier(unit) ? unit : $"\"{unit}\"");
        if (point.Range is { } range)
            parts.Add("range " + range);
        return string.Join(' ', parts);
    }

    public static string Signature(AttributeSymbol attribute)
    {
        var text = $"attribute {LanguageFacts.Quote(attribute.Name)}: {attribute.Type.ToKeyword()}";
        if (attribute.DefaultValue is { } value)
            text += " = " + FormatValue(value);
        if (attribute.Unit is { } unit)
            text += " " + (LanguageFacts.IsIdentifier(unit) ? unit : $"\"{unit}\"");
        return text;
    }

    public static string KindWord(PointKind kind) => kind switch
    {
        PointKind.Analog => "ai",
        PointKind.Digital => "di",
        PointKind.Pulse => "pi",
        _ => "generic",
    };

    public static string KindName(PointKind kind) => kind switch
    {
        PointKind.Analog => "analog",
        PointKind.Digital => "digital/status, input-only",
        PointKind.Pulse => "pulse input: meters and energy",
        _ => "generic",
    };

    private static string FormatValue(object value) => value switch
    {
        string text => $"\"{text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"",
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
