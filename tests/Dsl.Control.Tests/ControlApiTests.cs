using System.Reflection;
using System.Text.RegularExpressions;
using Dsl.Control.Api;
using Dsl.Control.Security;
using Dsl.Control.V1;
using Dsl.Control.Wire;
using Dsl.TestUtilities;
using Google.Protobuf.Reflection;

namespace Dsl.Control.Tests;

/// <summary>control.proto, the rpc descriptors built from it, and docs/control-api.md agree.</summary>
public sealed partial class ControlApiTests
{
    private static readonly Type[] _apiClasses = [typeof(JobsApi), typeof(ReleasesApi), typeof(IngestApi), typeof(OutputsApi)];

    [Fact]
    public void The_proto_has_the_services_and_rpcs_the_spec_names()
    {
        var rpcs = ProtoRpcs().Select(m => $"{m.Service.Name}.{m.Name}").ToArray();

        Assert.Equal(
            [
                "Jobs.List", "Jobs.Get", "Jobs.Start", "Jobs.Pause", "Jobs.Stop", "Jobs.Preview", "Jobs.Status", "Jobs.Watch", "Jobs.Logs", "Jobs.Metrics",
                "Releases.ListVersions", "Releases.GetSource", "Releases.Diff", "Releases.Revert", "Releases.Lock", "Releases.Unlock",
                "Ingest.Ingest", "Outputs.WatchOutputs",
            ],
            rpcs);
        Assert.Equal("dsl.control.v1", ControlReflection.Descriptor.Package);
    }

    [Fact]
    public void Every_rpc_of_the_proto_has_a_descriptor_with_its_path_shape_and_role()
    {
        var descriptors = _apiClasses
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Select(f => f.GetValue(null))
            .ToDictionary(d => (string)(d?.GetType().GetProperty("FullName")?.GetValue(d) ?? string.Empty));

        foreach (var rpc in ProtoRpcs())
        {
            var fullName = $"{rpc.Service.FullName}/{rpc.Name}";
            Assert.True(descriptors.TryGetValue(fullName, out var descriptor), $"no descriptor for {fullName}");
            var type = descriptor?.GetType() ?? throw new InvalidOperationException();
            var kind = (rpc.IsClientStreaming, rpc.IsServerStreaming) switch
            {
                (false, false) => MethodKind.Unary,
                (false, true) => MethodKind.ServerStreaming,
                (true, false) => MethodKind.ClientStreaming,
                (true, true) => MethodKind.DuplexStreaming,
            };
            Assert.Equal(kind, type.GetProperty("Kind")?.GetValue(descriptor));
            Assert.Equal(rpc.GetOptions().GetExtension(ControlExtensions.RequiredRole), type.GetProperty("RequiredRole")?.GetValue(descriptor));
            Assert.Equal(rpc.InputType.ClrType, type.GetGenericArguments()[0]);
            Assert.Equal(rpc.OutputType.ClrType, type.GetGenericArguments()[1]);
        }

        Assert.Equal(ProtoRpcs().Count(), descriptors.Count);
    }

    [Fact]
    public void Reads_need_viewer_lifecycle_and_ingest_need_operator_and_releases_and_locks_need_admin()
    {
        Assert.Equal(Role.Viewer, JobsApi.List.RequiredRole);
        Assert.Equal(Role.Viewer, JobsApi.Watch.RequiredRole);
        Assert.Equal(Role.Operator, JobsApi.Start.RequiredRole);
        Assert.Equal(Role.Operator, JobsApi.Preview.RequiredRole);
        Assert.Equal(Role.Operator, IngestApi.Ingest.RequiredRole);
        Assert.Equal(Role.Admin, ReleasesApi.Lock.RequiredRole);
        Assert.Equal(Role.Admin, ReleasesApi.Unlock.RequiredRole);
        Assert.Equal(MethodKind.ServerStreaming, OutputsApi.WatchOutputs.Kind);
        Assert.Equal(MethodKind.ClientStreaming, IngestApi.Ingest.Kind);
    }

    [Fact]
    public void Every_service_rpc_message_field_and_enum_value_in_the_proto_has_a_comment()
    {
        var lines = File.ReadAllLines(RepoPaths.Combine("runtime", "Dsl.Control", "Protos", "control.proto"));
        var undocumented = new List<string>();
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (!Declaration().IsMatch(line))
            {
                continue;
            }

            var previous = lines[..i].Select(l => l.Trim()).LastOrDefault(l => l.Length > 0) ?? string.Empty;
            if (!previous.StartsWith("//", StringComparison.Ordinal))
            {
                undocumented.Add($"line {i + 1}: {line}");
            }
        }

        Assert.Empty(undocumented);
    }

    [Fact]
    public void The_documentation_gives_each_rpc_the_role_the_proto_requires()
    {
        var text = File.ReadAllText(RepoPaths.Combine("docs", "control-api.md"));
        var documented = RoleRow().Matches(text).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

        foreach (var rpc in ProtoRpcs())
        {
            var name = $"{rpc.Service.Name}.{rpc.Name}";
            Assert.True(documented.TryGetValue(name, out var role), $"docs/control-api.md has no role row for {name}");
            Assert.Equal(Roles.Name(rpc.GetOptions().GetExtension(ControlExtensions.RequiredRole)), role);
        }
    }

    [Fact]
    public void A_method_name_must_be_package_service_slash_method_and_have_a_role()
    {
        Assert.Throws<ArgumentException>(() => new Method<ListJobsRequest, ListJobsResponse>("Jobs.List", MethodKind.Unary, Role.Viewer));
        Assert.Throws<ArgumentException>(() => new Method<ListJobsRequest, ListJobsResponse>("a/b/c", MethodKind.Unary, Role.Viewer));
        Assert.Throws<ArgumentException>(() => new Method<ListJobsRequest, ListJobsResponse>("a.B/C", MethodKind.Unary, Role.Unspecified));
        Assert.Equal("/a.B/C", new Method<ListJobsRequest, ListJobsResponse>("a.B/C", MethodKind.Unary, Role.Admin).Path);
    }

    private static IEnumerable<MethodDescriptor> ProtoRpcs() =>
        ControlReflection.Descriptor.Services.SelectMany(s => s.Methods);

    // service/rpc/message/enum/oneof openings, fields (incl. repeated and map), enum values.
    [GeneratedRegex(@"^(service \w+|rpc \w+|message \w+|enum \w+|oneof \w+|(repeated )?[\w.]+ \w+ = \d+;|map<[\w, .]+> \w+ = \d+;|[A-Z][A-Z0-9_]* = \d+;)")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"^\|\s*`(\w+\.\w+)`\s*\|[^|\n]*\|\s*(viewer|operator|admin)\s*\|", RegexOptions.Multiline)]
    private static partial Regex RoleRow();
}
