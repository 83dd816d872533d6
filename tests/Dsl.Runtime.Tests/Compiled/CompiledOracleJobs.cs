using System.Collections.Concurrent;
using Dsl.Compiler;
using Dsl.Compiler.Emit;
using Dsl.Compiler.Text;

namespace Dsl.Runtime.Tests.Compiled;

/// <summary>Compiles oracle job sources once per test run; a source that does not emit fails the test with its diagnostics.</summary>
public static class CompiledOracleJobs
{
    private static readonly ConcurrentDictionary<string, Lazy<byte[]>> _images = new(StringComparer.Ordinal);

    public static byte[] Image(string source) =>
        _images.GetOrAdd(source, s => new Lazy<byte[]>(() => Compile(s))).Value;

    private static byte[] Compile(string source)
    {
        EmitResult result = Compilation.Create(SourceText.From(source, "/oracle/oracle.stream")).Emit();
        if (result.Assembly is not { } image)
        {
            throw new Xunit.Sdk.XunitException("The oracle job did not emit:\n" + string.Join("\n", result.Diagnostics) + "\n" + source);
        }

        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        return image;
    }
}
