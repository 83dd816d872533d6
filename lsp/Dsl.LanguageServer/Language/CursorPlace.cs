namespace Dsl.LanguageServer.Language;

/// <summary>What kind of text belongs at the cursor, as far as the tokens before it tell.</summary>
public enum CursorPlace
{
    /// <summary>Inside a comment or somewhere nothing can be proposed.</summary>
    Nothing,
    /// <summary>A top-level declaration keyword.</summary>
    TopLevel,
    /// <summary>Fixed words: <see cref="CursorContext.Words"/>.</summary>
    Words,
    /// <summary>A model name (after aggregate, merge, energy).</summary>
    Model,
    /// <summary>A point of <see cref="CursorContext.ModelName"/> (after on, from, daily, Model::).</summary>
    Point,
    /// <summary>
    /// The target of an output: a point of the rule's model. After a complete output on the same
    /// line <see cref="CursorContext.Words"/> are what may still continue that one.
    /// </summary>
    OutputTarget,
    /// <summary>The function of an aggregate output (right of '=').</summary>
    AggregateFunction,
    /// <summary>An expression: points, attributes and functions of the rule's model.</summary>
    Expression,
    /// <summary>A duration: units after digits, or common durations.</summary>
    Duration,
    /// <summary>A type name after ':' in a point or attribute.</summary>
    Type,
    /// <summary>Inside the string of <c>timezone "…"</c>.</summary>
    TimeZone,
}
