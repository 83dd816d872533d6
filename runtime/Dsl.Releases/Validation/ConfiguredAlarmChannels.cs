using System.Text.Json;
using Dsl.Control.Alarms;

namespace Dsl.Releases.Validation;

/// <summary>
/// The alarm channels named under <c>"alarms"</c> in the daemon's <c>DATA/config.json</c> beside
/// <c>DATA/jobs.git</c>, so that a release can warn about a <c>notify</c> that names none of them.
/// Only a warning: the daemon reads the file again at each alarm, so a channel configured after the
/// release is used from then on.
/// </summary>
public static class ConfiguredAlarmChannels
{
    public const string FileName = "config.json";

    /// <summary>
    /// The channels the daemon can send to, and those it names but cannot use (written wrong);
    /// null when there is no daemon beside the repository, or its config cannot be read.
    /// </summary>
    public static AlarmChannelNames? Read(string gitDirectory)
    {
        var data = Path.GetDirectoryName(Path.GetFullPath(gitDirectory).TrimEnd(Path.DirectorySeparatorChar)) ?? ".";
        var file = Path.Combine(data, FileName);
        if (!File.Exists(file))
            return File.Exists(Path.Combine(data, DaemonJobStates.FileName)) ? new AlarmChannelNames(new HashSet<string>(), new Dictionary<string, string>(), null) : null;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            var usable = new HashSet<string>(StringComparer.Ordinal);
            var wrong = new Dictionary<string, string>(StringComparer.Ordinal);
            string? wrongSection = null;
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("alarms", out var alarms))
            {
                if (alarms.ValueKind == JsonValueKind.Object)
                {
                    foreach (var channel in alarms.EnumerateObject())
                    {
                        // As the daemon reads it at each alarm: what it would report, it is warned of.
                        if (AlarmChannel.Read(channel.Value).Unusable is { } problem)
                            wrong[channel.Name] = problem;
                        else
                            usable.Add(channel.Name);
                    }
                }
                else
                    wrongSection = $"its \"alarms\" is {AlarmChannel.KindOf(alarms)}, not an object that names the channels";
            }
            return new AlarmChannelNames(usable, wrong, wrongSection);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            // A config being rewritten or broken by hand: the daemon reports that at each alarm.
            return null;
        }
    }
}

/// <summary>
/// The channels of config.json: those the daemon can send to, and those written wrong with what is
/// wrong (as an alarm to it reports it); or, when its <c>"alarms"</c> is not an object, none, and
/// what is wrong with the section.
/// </summary>
public sealed record AlarmChannelNames(IReadOnlySet<string> Usable, IReadOnlyDictionary<string, string> WrittenWrong, string? WrongSection);
