using Dsl.Compiler.Symbols;
using Dsl.Runtime.Operators.Aggregates;
using Dsl.Runtime.Records;

namespace Dsl.Compiler.Tests.Planning;

/// <summary>
/// The emitter writes some compiler enums into generated code by name (e.g. <c>AggregateKind.{Function}</c>,
/// <c>PointValueType.{Type}</c>), so each must name exactly the runtime's members.
/// </summary>
public sealed class RuntimeEnumTests
{
    [Fact]
    public void Every_aggregate_function_is_a_runtime_aggregate_kind_and_back()
    {
        Assert.Equal(Enum.GetNames<AggregateKind>().Order(), Enum.GetNames<AggregateFunction>().Order());
    }

    [Fact]
    public void Every_value_type_of_a_point_is_a_runtime_point_value_type()
    {
        var compilerTypes = Enum.GetNames<DataType>().Where(name => name != nameof(DataType.Error)).Order();
        Assert.Equal(Enum.GetNames<PointValueType>().Order(), compilerTypes);
    }

    [Fact]
    public void Job_channels_have_the_same_names_in_compiler_and_runtime()
    {
        Assert.Equal(Enum.GetNames<Dsl.Runtime.Jobs.JobChannel>().Order(), Enum.GetNames<Dsl.Compiler.Binding.JobChannel>().Order());
    }
}
