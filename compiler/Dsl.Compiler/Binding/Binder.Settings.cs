using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Parsing;
using Dsl.Compiler.Syntax;
using Dsl.Compiler.Text;
using Dsl.Naming;
using Dsl.Runtime.Time;

namespace Dsl.Compiler.Binding;

internal sealed partial class Binder
{
    private static readonly string[] _settingKeys = ["channel", "timezone", "lateness", "idle"];
    private static readonly string[] _channels = ["realtime", "offline"];

    // A channel setting that failed to bind: what depends on the channel stays quiet.
    private bool _channelUnknown;

    private void BindSettings(IEnumerable<SettingsDeclarationSyntax> blocks)
    {
        var settings = BoundJobSettings.Default;
        var seen = new Dictionary<string, TextSpan>(StringComparer.Ordinal);
        foreach (var setting in blocks.SelectMany(b => b.Settings))
        {
            var key = setting.Key;
            if (key.IsMissing)
                continue;
            if (!_settingKeys.Contains(key.Text))
            {
                Report(DiagnosticDescriptors.UnknownSetting, key.Span, key.Text, NameSuggester.Hint(key.Text, _settingKeys, NameSuggester.UseOneOf(_settingKeys)));
                continue;
            }
            // A repeated setting is reported, and its value is still checked (only the first one applies).
            var repeated = seen.TryGetValue(key.Text, out var first);
            if (repeated)
                Report(DiagnosticDescriptors.DuplicateSetting, key.Span, key.Text, LineOf(first));
            else
                seen[key.Text] = key.Span;

            // The parser already reported a value it could not read.
            if (setting.Value is MissingExpressionSyntax)
                continue;

            var bound = settings;
            switch (key.Text)
            {
                case "channel":
                    if (BindChannel(setting) is { } channel)
                        bound = bound with { Channel = channel };
                    else if (!repeated)
                        _channelUnknown = true;
                    break;
                case "timezone":
                    if (BindTimeZone(setting) is { } zone)
                        bound = bound with { TimeZone = zone, HasTimeZone = true };
                    else
                        bound = bound with { HasTimeZone = true };
                    break;
                case "lateness":
                    if (setting.Value is DurationSyntax lateness)
                        bound = bound with { Lateness = BindLateness(lateness) ?? bound.Lateness };
                    else
                        Report(DiagnosticDescriptors.InvalidSettingValue, setting.Value.Span, "lateness", "a duration, e.g. lateness 5m", SpacedDurationHint(setting.Value));
                    break;
                default:
                    if (setting.Value is DurationSyntax idle)
                        bound = bound with { Idle = BindFixedDuration(idle, "idle time") ?? bound.Idle };
                    else
                        Report(DiagnosticDescriptors.InvalidSettingValue, setting.Value.Span, "idle", "a duration, e.g. idle 15m", SpacedDurationHint(setting.Value));
                    break;
            }
            if (!repeated)
                settings = bound;
        }
        _settings = settings;
    }

    /// <summary>
    /// For a number given a unit after a space (<c>lateness 30 m</c>, <c>idle 15 minutes</c>), which
    /// the parser left out of the setting: how the duration is written. Empty otherwise.
    /// </summary>
    private Hint SpacedDurationHint(SyntaxNode value)
    {
        if (value is not NumberLiteralSyntax)
            return "";
        var text = _source.Text;
        var start = value.Span.End;
        while (start < text.Length && text[start] is ' ' or '\t')
            start++;
        var end = start;
        while (end < text.Length && char.IsAsciiLetter(text[end]))
            end++;
        return start > value.Span.End
            ? DurationUnits.SpacedDurationHint(text, value.Span, TextSpan.FromBounds(start, end)) ?? ""
            : "";
    }

    private JobChannel? BindChannel(SettingSyntax setting)
    {
        if (setting.Value is not NameExpressionSyntax { Model: null } name)
        {
            Report(DiagnosticDescriptors.InvalidSettingValue, setting.Value.Span, "channel", "realtime or offline (without quotes)", "");
            return null;
        }
        switch (name.Name.Text)
        {
            case "realtime": return JobChannel.Realtime;
            case "offline": return JobChannel.Offline;
            default:
                if (!name.Name.IsMissing)
                    ReportUnknownWord(name.Name, "channel", _channels);
                return null;
        }
    }

    private string? BindTimeZone(SettingSyntax setting)
    {
        if (setting.Value is not StringLiteralSyntax text)
        {
            Report(DiagnosticDescriptors.InvalidSettingValue, setting.Value.Span, "timezone", "an IANA time zone name in quotes, e.g. timezone \"Europe/Berlin\"", "");
            return null;
        }
        if (TimeZones.IsKnown(text.Value))
            return text.Value;
        var hint = TimeZones.Hint(text.Value, " Use a name such as \"Europe/Berlin\" or \"UTC\".");
        Report(DiagnosticDescriptors.UnknownTimeZone, text.Span, text.Value, hint);
        return null;
    }
}
