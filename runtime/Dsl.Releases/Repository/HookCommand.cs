using System.Reflection;
using System.Text;

namespace Dsl.Releases.Repository;

/// <summary>
/// How a git hook starts <c>dsl</c>: absolute paths, because git runs hooks with the pusher's
/// environment, where <c>dsl</c> need not be on PATH.
/// </summary>
/// <param name="Arguments">The program and its leading arguments, e.g. <c>/usr/bin/dotnet /opt/dsl/dsl.dll</c>.</param>
public sealed record HookCommand(IReadOnlyList<string> Arguments)
{
    /// <summary>The running <c>dsl</c>: its apphost, or <c>dotnet</c> with its dll.</summary>
    public static HookCommand Current()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("The path of the running program is unknown.");
        if (Path.GetFileNameWithoutExtension(process) != "dotnet")
            return new HookCommand([process]);
        var entry = Assembly.GetEntryAssembly()?.Location;
        if (string.IsNullOrEmpty(entry))
            throw new InvalidOperationException("The entry assembly of the running program is unknown.");
        return new HookCommand([process, entry]);
    }

    /// <summary>Runs a dsl dll with the dotnet host that runs this process (or the one on PATH).</summary>
    public static HookCommand ForDll(string dslDll)
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(host) && Environment.ProcessPath is { } process && Path.GetFileNameWithoutExtension(process) == "dotnet")
            host = process;
        return new HookCommand([string.IsNullOrEmpty(host) ? "dotnet" : host, Path.GetFullPath(dslDll)]);
    }

    /// <summary>The comment every hook script starts with, by which a daemon's repository is known.</summary>
    public const string Marker = "# Installed by dsl: validates and tags releases";

    /// <summary>A POSIX shell script that runs <c>dsl release-hook HOOK</c>, every argument single-quoted.</summary>
    public string Script(string hook)
    {
        var text = new StringBuilder($"#!/bin/sh\n{Marker} (docs/releases.md).\nexec");
        foreach (var argument in Arguments.Concat(["release-hook", hook]))
            text.Append(' ').Append(Quote(argument));
        return text.Append('\n').ToString();
    }

    private static string Quote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
