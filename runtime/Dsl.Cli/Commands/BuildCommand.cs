using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dsl.Compiler.Planning;

namespace Dsl.Cli.Commands;

/// <summary>
/// <c>dsl build FILE [-o DIR] [--emit-cs]</c>: compiles a job to <c>JOB.dll</c> and
/// <c>JOB.manifest.json</c> (inputs, outputs, operator fingerprints, versions), and with
/// <c>--emit-cs</c> also writes the generated C#. JOB is the job's name reduced to a safe file
/// name (<see cref="Dsl.Compiler.Emit.JobFileName"/>).
/// </summary>
public static class BuildCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The job's .stream file." };
        var output = new Option<string>("--output", "-o") { Description = "Output folder.", DefaultValueFactory = _ => "." };
        var emitCs = new Option<bool>("--emit-cs") { Description = "Also write the generated C# (JOB.g.cs)." };
        var command = new Command("build", "Compile a job to an assembly and a manifest.") { file, output, emitCs };
        command.SetAction(result => Run(result.GetValue(file) ?? "", result.GetValue(output) ?? ".", result.GetValue(emitCs)));
        return command;
    }

    private static int Run(string file, string directory, bool emitCs)
    {
        if (InputFiles.EmptyOutput(directory, "a folder") is { } empty)
        {
            Console.Error.WriteLine($"dsl build: {empty}");
            return ExitCodes.Usage;
        }
        // A file that is not there is a mistake on the command line (exit 2), as for every other command.
        if (InputFiles.FileProblem(file) is { } problem)
        {
            Console.Error.WriteLine($"dsl build: {problem}");
            return ExitCodes.Usage;
        }
        // Said before compiling, and plainly: creating the folder would fail with "The file … already exists".
        if (InputFiles.FileOnTheWay(directory) is { } blocking)
        {
            Console.Error.WriteLine($"dsl build: cannot write into {directory}: {blocking} is a file, not a folder");
            return ExitCodes.UserError;
        }
        if (JobCompiler.Compile(file, "build") is not { Plan: { } plan, Assembly: { } image } result)
            return ExitCodes.UserError;

        var stem = Path.Combine(directory, Dsl.Compiler.Emit.JobFileName.Stem(plan.Name));
        // A folder the system will not create, or a file it will not write, is a user error named
        // in one line with the system's reason, not .NET's message about the absolute path.
        if (InputFiles.CreateFolder(directory) is { } refused)
        {
            Console.Error.WriteLine($"dsl build: cannot create the folder {directory}: {refused}");
            return ExitCodes.UserError;
        }
        var writing = stem + ".dll";
        try
        {
            File.WriteAllBytes(writing, image);
            writing = stem + ".manifest.json";
            File.WriteAllText(writing, Manifest(plan).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
            if (emitCs && result.GeneratedSource is { } source)
            {
                writing = stem + ".g.cs";
                File.WriteAllText(writing, source);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"dsl build: cannot write {writing}: {InputFiles.WriteRefusal(e, writing)}");
            return ExitCodes.UserError;
        }
        Console.Error.WriteLine($"dsl build: {plan.Name} version {plan.Version} → {stem}.dll{(result.FromCache ? " (cached)" : "")}");
        return ExitCodes.Success;
    }

    private static JsonObject Manifest(JobPlan plan)
    {
        JsonArray Points(Func<PlannedPoint, bool> filter) =>
            [.. plan.Points.Where(filter).Select(p => (JsonNode)new JsonObject
            {
                ["model"] = p.Symbol.Model.Name,
                ["point"] = p.Symbol.Name,
                ["type"] = p.Symbol.Type.ToString().ToLowerInvariant(),
                ["unit"] = p.Symbol.Unit,
            })];

        return new JsonObject
        {
            ["job"] = plan.Name,
            ["version"] = plan.Version,
            ["compilerVersion"] = Planner.CompilerVersion,
            ["channel"] = plan.Job.Settings.Channel.ToString().ToLowerInvariant(),
            ["timezone"] = plan.Job.Settings.TimeZone,
            ["inputs"] = Points(p => p.IsInput),
            ["outputs"] = Points(p => p.IsOutput),
            ["operators"] = new JsonArray([.. plan.Operators.Select(o => (JsonNode)new JsonObject
            {
                ["name"] = o.Name,
                ["kind"] = o.Kind,
                ["state"] = o.StateSchema,
                ["fingerprint"] = o.Fingerprint,
            })]),
        };
    }
}
