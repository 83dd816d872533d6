using Dsl.Compiler.Syntax;

namespace Dsl.Compiler.Binding;

/// <summary>The clauses of one energy block, at most one of each kind.</summary>
internal sealed class EnergyClauses
{
    public SlopeClauseSyntax? Slope { get; private set; }

    public ScaleClauseSyntax? Scale { get; private set; }

    public DailyClauseSyntax? Daily { get; private set; }

    public EveryClauseSyntax? Every { get; private set; }

    public RolloverClauseSyntax? Rollover { get; private set; }

    public SplitClauseSyntax? Split { get; private set; }

    public RangeClauseSyntax? Range { get; private set; }

    public MissingClauseSyntax? Missing { get; private set; }

    public EnergyLatenessClauseSyntax? Lateness { get; private set; }

    public void Add(EnergyClauseSyntax clause)
    {
        switch (clause)
        {
            case SlopeClauseSyntax c: Slope = c; break;
            case ScaleClauseSyntax c: Scale = c; break;
            case DailyClauseSyntax c: Daily = c; break;
            case EveryClauseSyntax c: Every = c; break;
            case RolloverClauseSyntax c: Rollover = c; break;
            case SplitClauseSyntax c: Split = c; break;
            case RangeClauseSyntax c: Range = c; break;
            case MissingClauseSyntax c: Missing = c; break;
            case EnergyLatenessClauseSyntax c: Lateness = c; break;
        }
    }
}
