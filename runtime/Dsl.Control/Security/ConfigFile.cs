using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dsl.Control.V1;

namespace Dsl.Control.Security;

/// <summary>
/// The <c>tokens</c> section of <c>DATA/config.json</c>. Other sections (alarm channels, …)
/// belong to other parts of the daemon and are preserved as they are.
/// </summary>
internal sealed class ConfigFile
{
    private const string TokensKey = "tokens";
    private static readonly JsonSerializerOptions _writeOptions = new() { WriteIndented = true };

    private readonly JsonObject _root;

    private ConfigFile(JsonObject root, IReadOnlyList<StoredToken> tokens)
    {
        _root = root;
        Tokens = tokens;
    }

    public IReadOnlyList<StoredToken> Tokens { get; private set; }

    /// <summary>Reads the file; a missing file is an empty configuration.</summary>
    /// <exception cref="InvalidDataException">The path is a folder, the file is not valid JSON or a token entry is malformed.</exception>
    /// <exception cref="UnauthorizedAccessException">The file, or its folder, cannot be read.</exception>
    public static ConfigFile Load(string path)
    {
        if (Directory.Exists(path))
        {
            throw new InvalidDataException($"{path} is a folder, not a file.");
        }

        // Only a file known to be absent is an empty configuration. File.Exists also answers
        // false for a file in a folder that cannot be searched; taking that for "no tokens"
        // would list none and report unknown names instead of saying the file cannot be read.
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new ConfigFile(new JsonObject(), []);
        }

        JsonObject root;
        try
        {
            root = JsonNode.Parse(text) as JsonObject
                ?? throw new InvalidDataException($"{path}: the configuration must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON{Position(e)}: {Reason(e)}", e);
        }

        var tokens = new List<StoredToken>();
        if (root[TokensKey] is JsonArray array)
        {
            foreach (var entry in array)
            {
                tokens.Add(ParseToken(path, entry));
            }
        }
        else if (root[TokensKey] is not null)
        {
            throw new InvalidDataException($"{path}: \"tokens\" must be an array.");
        }

        return new ConfigFile(root, tokens);
    }

    public void SetTokens(IReadOnlyList<StoredToken> tokens)
    {
        var array = new JsonArray();
        foreach (var token in tokens)
        {
            array.Add(new JsonObject
            {
                ["name"] = token.Name,
                ["role"] = Roles.Name(token.Role),
                ["created"] = token.Created.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                ["salt"] = Convert.ToBase64String(token.Salt),
                ["sha256"] = Convert.ToBase64String(token.Hash),
            });
        }

        _root[TokensKey] = array;
        Tokens = tokens;
    }

    /// <summary>Writes the file (mode 0600: it holds token hashes and, later, channel credentials).</summary>
    public void Save(string path) => PrivateFile.WriteAllText(path, _root.ToJsonString(_writeOptions) + "\n");

    private static StoredToken ParseToken(string path, JsonNode? entry)
    {
        try
        {
            var name = Text(path, entry, "name");
            if (!Roles.TryParse(Text(path, entry, "role"), out Role role))
            {
                throw new InvalidDataException($"{path}: token '{name}' has an unknown role; use viewer, operator or admin.");
            }

            var created = DateTimeOffset.Parse(Text(path, entry, "created"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            var salt = Convert.FromBase64String(Text(path, entry, "salt"));
            var hash = Convert.FromBase64String(Text(path, entry, "sha256"));
            if (hash.Length != 32)
            {
                throw new InvalidDataException($"{path}: token '{name}' has a hash that is not SHA-256.");
            }

            return new StoredToken(name, role, created, salt, hash);
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"{path}: a token entry is malformed ({e.Message}).", e);
        }
    }

    /// <summary>Where the reader stopped, as an editor counts (from 1; columns in bytes, which ASCII makes characters).</summary>
    private static string Position(JsonException e) =>
        e.LineNumber is long line && e.BytePositionInLine is long column ? $" at line {line + 1}, column {column + 1}" : string.Empty;

    /// <summary>
    /// The reader's explanation without its position (given by <see cref="Position"/>) and without
    /// its advice to the program ("Change the reader options."), which means nothing to a person
    /// editing the file.
    /// </summary>
    private static string Reason(JsonException e)
    {
        string reason = e.Message;
        foreach (string tail in new[] { " LineNumber:", " Path:", " Change the reader options." })
        {
            int at = reason.IndexOf(tail, StringComparison.Ordinal);
            if (at >= 0)
            {
                reason = reason[..at];
            }
        }

        // As the runtime's JsonProblem words them for the other files a person edits.
        reason = reason.Trim();
        if (reason.StartsWith("The input does not contain any JSON tokens", StringComparison.Ordinal))
        {
            return "there is no JSON value: the text is empty, or only white space";
        }

        return reason.Replace(" at the end which is not supported in this mode", " at the end, which JSON does not allow", StringComparison.Ordinal);
    }

    private static string Text(string path, JsonNode? entry, string key) =>
        entry?[key] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new InvalidDataException($"{path}: a token entry lacks the string field \"{key}\".");
}
