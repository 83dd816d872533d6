using Dsl.Compiler.Diagnostics;
using Dsl.Runtime.Hosting;

namespace Dsl.Runtime.Tests.Checkpoints;

/// <summary>The runtime's DSL5xxx list and the compiler's documented one are the same list.</summary>
public sealed class RuntimeErrorTests
{
    [Fact]
    public void Every_runtime_error_has_a_descriptor_with_the_same_code_severity_and_message()
    {
        var descriptors = DiagnosticDescriptors.All.Where(d => d.Code.StartsWith("DSL5", StringComparison.Ordinal)).ToDictionary(d => d.Code);
        Assert.Equal(descriptors.Keys.Order(), RuntimeErrors.All.Select(e => e.Code).Order());
        foreach (RuntimeError error in RuntimeErrors.All)
        {
            DiagnosticDescriptor descriptor = descriptors[error.Code];
            Assert.Equal(error.MessageFormat, descriptor.MessageFormat);
            Assert.Equal(error.Title, descriptor.Title);
            Assert.Equal(error.Severity.ToString(), descriptor.Severity.ToString());
        }
    }
}
