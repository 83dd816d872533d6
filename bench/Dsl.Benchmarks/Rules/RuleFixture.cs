using Dsl.Compiler;
using Dsl.Compiler.Emit;
using Dsl.Compiler.Text;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.State;
using Dsl.Benchmarks.Telemetry;

namespace Dsl.Benchmarks.Rules;

/// <summary>One rule kind's compiled job and its resolved input, shared by the three implementations.</summary>
public sealed class RuleFixture : IDisposable
{
    private readonly LoadedJob _job;

    private RuleFixture(RuleKind kind, LoadedJob job, RuleInput input)
    {
        Kind = kind;
        _job = job;
        Input = input;
    }

    public RuleKind Kind { get; }

    public RuleInput Input { get; }

    public static RuleFixture Create(RuleKind kind, int assets, int minutes)
    {
        LoadedJob job = Compile(RuleJobs.Source(kind), "bench_" + kind.ToString().ToLowerInvariant());
        var probe = new JobSession(job.Job, new CountingSink());
        RuleInput input = RuleInput.Resolve(TelemetryGenerator.Generate(assets, minutes), probe.Points);
        return new RuleFixture(kind, job, input);
    }

    public static LoadedJob Compile(string source, string name, string? path = null)
    {
        EmitResult result = Compilation.Create(SourceText.From(source, path ?? name + ".stream"), FileSystemSourceResolver.Instance).Emit(EmitOptions.Default);
        byte[] image = result.Assembly ?? throw new InvalidOperationException(
            $"The benchmark job {name} did not compile: {string.Join("; ", result.Diagnostics)}");
        return LoadedJob.Load(image, name);
    }

    public Totals RunCompiled(IStateStore? store = null)
    {
        var sink = new CountingSink();
        var session = new JobSession(_job.Job, sink, new JobSessionOptions(Store: store));
        Input.Register(session);
        session.Process(Input.Records);

        session.Complete();
        return sink.Totals;
    }

    public Totals RunHandWritten() => HandWrittenRules.Run(Kind, Input);

    public Totals RunReactive() => ReactiveRules.Run(Kind, Input);

    public void Dispose() => _job.Dispose();
}
