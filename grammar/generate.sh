#!/usr/bin/env bash
# Regenerates the C# lexer and parser under grammar/Generated from the two .g4 files and
# stamps their hash into Generated/GrammarHash.txt. The generated code is committed; a test
# (GeneratedParserIsCurrentTests) fails when the grammar changed and this was not rerun.
#
# Needs java (17+) and npm. The ANTLR 4.13 tool jar comes from the npm package
# antlr4ng-cli@2.0.0 and is cached in grammar/.antlr (git-ignored).
set -euo pipefail

cd "$(dirname "$0")"

readonly package="antlr4ng-cli@2.0.0"
readonly cache=".antlr"

jar="$(ls "$cache"/package/antlr4-*-complete.jar 2>/dev/null | head -n 1 || true)"
if [[ -z "$jar" ]]; then
    mkdir -p "$cache"
    tarball="$(cd "$cache" && npm pack "$package" --silent | tail -n 1)"
    tar -xzf "$cache/$tarball" -C "$cache" --wildcards 'package/antlr4-*-complete.jar'
    rm -f "$cache/$tarball"
    jar="$(ls "$cache"/package/antlr4-*-complete.jar | head -n 1)"
fi

rm -rf Generated
mkdir -p Generated

# Grammar paths are given relative to this folder so the output lands flat in Generated/
# and the generated headers carry no machine-specific paths.
java -jar "$jar" -Dlanguage=CSharp -package Dsl.Grammar -visitor -no-listener -Xexact-output-dir \
    -o Generated StreamLexer.g4 StreamParser.g4

# Only the C# is needed to build; the .tokens/.interp side files are tool output.
rm -f Generated/*.tokens Generated/*.interp

# The hash the staleness test recomputes: SHA-256 of both grammars, lexer first, with
# carriage returns removed so a CRLF checkout hashes the same.
cat StreamLexer.g4 StreamParser.g4 | tr -d '\r' | sha256sum | cut -d ' ' -f 1 > Generated/GrammarHash.txt

# The placeholder that kept the project non-empty before there was generated code.
rm -f AssemblyMarker.cs

echo "Generated $(ls Generated/*.cs | wc -l) files in grammar/Generated (grammar hash $(cat Generated/GrammarHash.txt))."
