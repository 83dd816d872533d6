using System.CommandLine;
using System.Globalization;
using Dsl.Cli.Reporting;
using Dsl.Compiler;
using Dsl.Control.Security;

namespace Dsl.Cli.Commands;

/// <summary><c>dsl token create|revoke|list</c>: manages the daemon's tokens in <c>DATA/config.json</c> (the daemon picks changes up).</summary>
public static class TokenCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "The daemon's data directory.", DefaultValueFactory = _ => "data", Recursive = true };
        var role = new Option<string>("--role") { Description = "viewer, operator or admin.", Required = true };
        var name = new Option<string?>("--name") { Description = "The token's name (default: the role and a number)." };
        // A role or a name that can never be valid is a usage error (exit 2), said by the parser
        // with the command's help; a name another token holds is a user error (exit 1).
        role.Validators.Add(option =>
        {
            if (!Roles.TryParse(option.GetValueOrDefault<string>(), out _))
                option.AddError($"Unknown role '{option.GetValueOrDefault<string>()}': use viewer, operator or admin.");
        });
        name.Validators.Add(option =>
        {
            if (option.GetValueOrDefault<string?>() is { } given && TokenStore.NameProblem(given) is { } problem)
                option.AddError(problem);
        });
        var create = new Command("create", "Create a token and print it once.") { role, name };
        create.SetAction(result => InDataFolder(result.GetValue(data), "create", folder => CreateToken(folder, result.GetValue(role) ?? "", result.GetValue(name))));
        var revokeName = new Argument<string>("name") { Description = "The token to revoke." };
        var revoke = new Command("revoke", "Revoke a token.") { revokeName };
        revoke.SetAction(result => InDataFolder(result.GetValue(data), "revoke", folder => Revoke(folder, result.GetValue(revokeName) ?? "")));
        var list = new Command("list", "List tokens (names and roles, never secrets).");
        list.SetAction(result => InDataFolder(result.GetValue(data), "list", List));
        return new Command("token", "Manage the daemon's access tokens.") { data, create, revoke, list };
    }

    /// <summary>
    /// Runs the action on an existing data folder: a token written to a folder no daemon uses
    /// (a misspelt path, or the default ./data in the wrong place) would never be accepted. A
    /// config.json that does not read is reported in one line (exit 1) and left as it is.
    /// </summary>
    private static int InDataFolder(string? data, string verb, Func<string, int> action)
    {
        string folder = data ?? "data";
        if (InputFiles.FolderProblem(folder) is { } problem)
        {
            Console.Error.WriteLine($"dsl token {verb}: {problem} (the daemon's data directory, --data)");
            return ExitCodes.Usage;
        }

        try
        {
            return action(folder);
        }
        catch (UnauthorizedAccessException e)
        {
            // .NET would name the file made absolute, which may be the lock beside the tokens.
            string access = verb == "list" ? "read" : "write";
            Console.Error.WriteLine($"dsl token {verb}: cannot {access} the tokens in {Path.Combine(folder, "config.json")}: {FileRefusals.Phrase(e)}");
            return ExitCodes.UserError;
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            Console.Error.WriteLine($"dsl token {verb}: {e.Message}");
            return ExitCodes.UserError;
        }
    }

    private static int CreateToken(string data, string roleText, string? name)
    {
        _ = Roles.TryParse(roleText, out var role); // the parser has refused any other
        var store = new TokenStore(data);
        try
        {
            IssuedToken token = name is null ? store.Create(role) : store.Create(name, role);
            Console.Error.WriteLine($"dsl token: created '{token.Name}' ({Roles.Name(token.Role)}); it is shown only now:");
            Console.Out.WriteLine(token.Secret);
            return ExitCodes.Success;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"dsl token create: {UserMessage.Of(e)}");
            return ExitCodes.UserError;
        }
    }

    private static int Revoke(string data, string name)
    {
        if (!new TokenStore(data).Revoke(name))
        {
            Console.Error.WriteLine($"dsl token revoke: no token '{name}'");
            return ExitCodes.UserError;
        }

        Console.Error.WriteLine($"dsl token: revoked '{name}'");
        return ExitCodes.Success;
    }

    private static int List(string data)
    {
        var tokens = new TokenStore(data).List();
        Console.Out.WriteLine($"{"NAME",-24} {"ROLE",-9} CREATED");
        foreach (TokenInfo token in tokens)
        {
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{token.Name,-24} {Roles.Name(token.Role),-9} {token.Created:yyyy-MM-dd HH:mm:ss}Z"));
        }

        return ExitCodes.Success;
    }
}
