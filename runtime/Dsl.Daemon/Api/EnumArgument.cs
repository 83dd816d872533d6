using System.Globalization;
using System.Reflection;
using Dsl.Control.Wire;
using Google.Protobuf.Reflection;

namespace Dsl.Daemon.Api;

/// <summary>
/// Refuses enum values that control.proto does not declare. Protobuf keeps an unknown number in
/// an enum field rather than failing the parse, so without this a client's wrong number would
/// pass for something else: channel 7 written to realtime, status 99 quietly matching no job.
/// </summary>
internal static class EnumArgument
{
    /// <summary>The value when the proto declares it; otherwise INVALID_ARGUMENT naming it and the valid ones.</summary>
    public static T Defined<T>(T value, string field)
        where T : struct, Enum =>
        Enum.IsDefined(value)
            ? value
            : throw new RpcException(StatusCode.InvalidArgument, $"{field}: {Number(value)} is not a {typeof(T).Name} of control.proto; the values are {Valid<T>()}");

    /// <summary>
    /// The value when the proto declares it and it is not the zero value, which means "not set": a
    /// filter by it would match nothing, quietly. INVALID_ARGUMENT naming it and the valid ones otherwise.
    /// </summary>
    public static T Chosen<T>(T value, string field)
        where T : struct, Enum =>
        Number(Defined(value, field)) != 0
            ? value
            : throw new RpcException(StatusCode.InvalidArgument, $"{field}: {ProtoName(value)} (0) means not set and matches nothing; the values are {Valid<T>()}");

    // The zero value is left out: it means "not set", never a choice.
    private static string Valid<T>()
        where T : struct, Enum =>
        string.Join(", ", Enum.GetValues<T>().Where(v => Number(v) != 0).Select(v => $"{ProtoName(v)} ({Number(v)})"));

    private static int Number<T>(T value)
        where T : struct, Enum => Convert.ToInt32(value, CultureInfo.InvariantCulture);

    private static string ProtoName<T>(T value)
        where T : struct, Enum =>
        typeof(T).GetField(value.ToString())?.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? value.ToString();
}
