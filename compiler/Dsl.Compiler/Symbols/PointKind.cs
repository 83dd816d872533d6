namespace Dsl.Compiler.Symbols;

/// <summary>EnOS measure-point kinds.</summary>
public enum PointKind
{
    /// <summary><c>ai</c>: an analog value.</summary>
    Analog,

    /// <summary><c>di</c>: a digital or status value; input-only (rules cannot write it).</summary>
    Digital,

    /// <summary><c>pi</c>: a pulse input: meter counters and energy.</summary>
    Pulse,

    /// <summary><c>generic</c>: any other value.</summary>
    Generic,
}
