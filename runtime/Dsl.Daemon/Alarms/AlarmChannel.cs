using System.Text.Json;

namespace Dsl.Daemon.Alarms;

/// <summary>
/// One named alarm channel of <c>config.json</c>:
/// <c>"alarms": { "ops": { "webhook": "http://…" }, "oncall": { "email": { "smtp": "host:25", "from": "…", "to": ["…"] } } }</c>;
/// an e-mail channel may add <c>"tls"</c> (auto, starttls, implicit, none), <c>"user"</c> with
/// <c>"password"</c> or <c>"passwordFile"</c>, and <c>"ca"</c>.
/// </summary>
public sealed record AlarmChannel(Uri? Webhook, EmailSettings? Email)
{
    /// <summary>The channels configured now; none when the file or section is missing or unreadable.</summary>
    public static Dictionary<string, AlarmChannel> Load(string configPath)
    {
        var channels = new Dictionary<string, AlarmChannel>(StringComparer.Ordinal);
        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(configPath));
            if (!document.RootElement.TryGetProperty("alarms", out JsonElement alarms) || alarms.ValueKind != JsonValueKind.Object)
            {
                return channels;
            }

            foreach (JsonProperty channel in alarms.EnumerateObject())
            {
                if (channel.Value.TryGetProperty("webhook", out JsonElement hook) && Uri.TryCreate(hook.GetString(), UriKind.Absolute, out Uri? url))
                {
                    channels[channel.Name] = new AlarmChannel(url, null);
                }
                else if (channel.Value.TryGetProperty("email", out JsonElement email) && email.ValueKind == JsonValueKind.Object)
                {
                    string smtp = email.TryGetProperty("smtp", out JsonElement server) ? server.GetString() ?? "127.0.0.1:25" : "127.0.0.1:25";
                    string from = email.TryGetProperty("from", out JsonElement sender) ? sender.GetString() ?? "dsl@localhost" : "dsl@localhost";
                    string[] to = email.TryGetProperty("to", out JsonElement recipients) && recipients.ValueKind == JsonValueKind.Array
                        ? [.. recipients.EnumerateArray().Select(r => r.GetString() ?? string.Empty).Where(r => r.Length > 0)]
                        : [];
                    channels[channel.Name] = new AlarmChannel(null, ReadSecurity(email, new EmailSettings(smtp, from, to)));
                }
            }
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException)
        {
            // No config or a broken one: no channels; the notifier logs each alarm it cannot send.
        }

        return channels;
    }

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
