using System.Text.Json;

namespace Dsl.Control.Alarms;

/// <summary>
/// One named alarm channel of <c>config.json</c>:
/// <c>"alarms": { "ops": { "webhook": "http://…" }, "oncall": { "email": { "smtp": "host:25", "from": "…", "to": ["…"] } } }</c>;
/// an e-mail channel may add <c>"tls"</c> (auto, starttls, implicit, none), <c>"user"</c> with
/// <c>"password"</c> or <c>"passwordFile"</c>, and <c>"ca"</c>. A channel written wrong keeps its
/// name with a <see cref="Problem"/>, so that an alarm to it says what is wrong instead of the
/// channel being missing, and so that it spoils no other channel.
/// </summary>
/// <remarks>
/// The daemon reads it at each alarm; a release reads it to warn of a <c>notify</c> to a channel
/// no alarm can go out to (<see cref="Unusable"/>): one definition, so the two never disagree.
/// </remarks>
public sealed record AlarmChannel(Uri? Webhook, EmailSettings? Email, string? Problem = null)
{
    /// <summary>
    /// What keeps every alarm to the channel, as written, from going out: its own
    /// <see cref="Problem"/> or its e-mail settings' (<see cref="EmailSettings.Unsendable"/>); null
    /// when nothing does.
    /// </summary>
    public string? Unusable => Problem ?? Email?.Unsendable;

    /// <summary>The channels configured now; none when the file or section is missing or unreadable.</summary>
    public static Dictionary<string, AlarmChannel> Load(string configPath) => Load(configPath, out _, out _);

    /// <summary>
    /// The channels configured now; why there are none when the file cannot be read
    /// (<paramref name="unreadable"/>), or when its <c>"alarms"</c> is not an object of named
    /// channels (<paramref name="wrongSection"/>: an alarm must say that, not that its channel is missing).
    /// </summary>
    public static Dictionary<string, AlarmChannel> Load(string configPath, out string? unreadable, out string? wrongSection)
    {
        var channels = new Dictionary<string, AlarmChannel>(StringComparer.Ordinal);
        unreadable = null;
        wrongSection = null;
        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(configPath));
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("alarms", out JsonElement alarms))
            {
                return channels;
            }

            if (alarms.ValueKind != JsonValueKind.Object)
            {
                wrongSection = $"\"alarms\" in {configPath} is {KindOf(alarms)}, not an object that names the channels (\"alarms\": {{ \"ops\": {{ \"webhook\": \"https://…\" }} }})";
                return channels;
            }

            foreach (JsonProperty channel in alarms.EnumerateObject())
            {
                channels[channel.Name] = Read(channel.Value);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            unreadable = e is FileNotFoundException ? null : e.Message;
        }

        return channels;
    }

    /// <summary>What kind of JSON value stands where an object was wanted ("an array", "a string", …).</summary>
    public static string KindOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>One channel's entry under <c>"alarms"</c>, with what is wrong with it.</summary>
    public static AlarmChannel Read(JsonElement channel)
    {
        if (channel.ValueKind != JsonValueKind.Object)
        {
            return Wrong("it is not an object with \"webhook\" or \"email\"");
        }

        if (channel.TryGetProperty("webhook", out JsonElement hook))
        {
            return hook.ValueKind == JsonValueKind.String && Uri.TryCreate(hook.GetString(), UriKind.Absolute, out Uri? url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
                ? new AlarmChannel(url, null)
                : Wrong($"\"webhook\" is not an http:// or https:// URL ({hook.GetRawText()})");
        }

        if (!channel.TryGetProperty("email", out JsonElement email))
        {
            return Wrong("it has neither \"webhook\" nor \"email\"");
        }

        if (email.ValueKind != JsonValueKind.Object)
        {
            return Wrong("\"email\" is not an object");
        }

        string? Text(string name) => email.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        string smtp = Text("smtp") ?? "127.0.0.1:25";
        string from = Text("from") ?? "dsl@localhost";
        string[] to = email.TryGetProperty("to", out JsonElement recipients) && recipients.ValueKind == JsonValueKind.Array
            ? [.. recipients.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!).Where(r => r.Length > 0)]
            : [];
        int colon = smtp.LastIndexOf(':');
        if (colon > 0 && !(int.TryParse(smtp[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int port) && port is > 0 and <= 65535))
        {
            return Wrong($"\"smtp\": \"{smtp}\" does not end in a port number (HOST:PORT)");
        }

        return new AlarmChannel(null, ReadSecurity(email, new EmailSettings(smtp, from, to)));
    }

    private static AlarmChannel Wrong(string problem) => new(null, null, problem);

    private static EmailSettings ReadSecurity(JsonElement email, EmailSettings settings)
    {
        string? Text(string name) => email.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        string tls = Text("tls") ?? "auto";
        SmtpSecurity? security = tls switch
        {
            "auto" => SmtpSecurity.Auto,
            "starttls" => SmtpSecurity.StartTls,
            "implicit" => SmtpSecurity.Implicit,
            "none" => SmtpSecurity.None,
            _ => null,
        };
        return settings with
        {
            Security = security ?? SmtpSecurity.StartTls,
            User = Text("user"),
            Password = Text("password"),
            PasswordFile = Text("passwordFile"),
            Ca = Text("ca"),
            Problem = security is null ? $"\"tls\": \"{tls}\" is not one of auto, starttls, implicit, none" : null,
        };
    }
}
