using Dsl.Compiler.Binding;
using Dsl.Compiler.Diagnostics;

namespace Dsl.Compiler.Tests.Binding;

public sealed class JobDeclarationTests
{
    [Fact]
    public void A_job_name_of_only_white_space_is_refused_but_one_with_spaces_inside_is_a_name()
    {
        DiagnosticAssert.Reports("""
            job [|`   `|]
            """,
            """
            error DSL2023: The job name is only white space; it goes into every output record and names the built files, so give the job a name, e.g. job turbine_kpis.
            """);
        DiagnosticAssert.Clean("job `turbine kpis`");
    }

    [Fact]
    public void Settings_are_checked_key_by_key()
    {
        DiagnosticAssert.Reports("""
            job demo
            settings {
              channel [|realtme|]
              timezone [|"Europe/Berlinn"|]
              [|retries|] 5
              idle [|0s|]
            }
            settings {
              [|channel|] offline
              lateness [|5|]
            }
            """,
            """
            error DSL2008: "realtme" is not a valid channel. Did you mean "realtime"?
            error DSL2009: The time zone "Europe/Berlinn" is not a known IANA time zone. Did you mean "Europe/Berlin"?
            error DSL2010: The setting "retries" does not exist. Use channel, timezone, lateness or idle.
            error DSL3024: The idle time must be longer than zero.
            error DSL2011: The setting "channel" is already set at line 3. Remove one of them.
            error DSL3040: The setting "lateness" takes a duration, e.g. lateness 5m.
            """);
    }

    /// <summary>
    /// A zone written as an offset is not taken for a misspelt name ("UTC+2" is not "UTC", which is
    /// two hours off): the fixed-offset zone with its reversed sign is named, or none out of range.
    /// </summary>
    [Theory]
    [InlineData("UTC+2", " A fixed offset of +2 hours is \"Etc/GMT-2\" (the tz database reverses the sign); a place that keeps daylight saving time needs its own name, such as \"Europe/Berlin\".")]
    [InlineData("GMT-05:00", " A fixed offset of -5 hours is \"Etc/GMT+5\" (the tz database reverses the sign); a place that keeps daylight saving time needs its own name, such as \"Europe/Berlin\".")]
    [InlineData("+08:00", " A fixed offset of +8 hours is \"Etc/GMT-8\" (the tz database reverses the sign); a place that keeps daylight saving time needs its own name, such as \"Europe/Berlin\".")]
    [InlineData("UTC+15", " Use a name such as \"Europe/Berlin\" or \"UTC\".")]
    [InlineData("UTC+0", " Did you mean \"UTC\"?")]
    public void A_time_zone_written_as_an_offset_is_told_the_fixed_offset_zone(string zone, string hint)
    {
        DiagnosticAssert.Reports($$"""
            job demo
            settings {
              timezone [|"{{zone}}"|]
            }
            """,
            $"error DSL2009: The time zone \"{zone}\" is not a known IANA time zone.{hint}");
    }

    [Fact]
    public void A_time_zone_without_its_quotes_is_one_error_and_the_next_setting_is_checked()
    {
        // Not also "Unexpected '/'" at the slash: the zone goes in quotes, as the one error says.
        DiagnosticAssert.Reports("""
            job demo
            settings {
              timezone [|America|]/Argentina/Buenos_Aires
              lateness [|5|]
            }
            """,
            """
            error DSL3040: The setting "timezone" takes an IANA time zone name in quotes, e.g. timezone "Europe/Berlin".
            error DSL3040: The setting "lateness" takes a duration, e.g. lateness 5m.
            """);
    }

    /// <summary>
    /// Files of the tz folder that .NET loads but that name no zone: the host's own zone, which would
    /// give a released job other days on another machine, and the copies under posix/ and right/.
    /// </summary>
    [Theory]
    [InlineData("localtime", " \"localtime\" is the zone the machine is set to, which differs from one machine to the next; name the zone, such as \"Europe/Berlin\".")]
    [InlineData("posix/Europe/Berlin", " Did you mean \"Europe/Berlin\"? The folders posix/ and right/ hold copies of the tz database's zones, not zones of their own.")]
    [InlineData("right/UTC", " Did you mean \"UTC\"? The folders posix/ and right/ hold copies of the tz database's zones, not zones of their own.")]
    [InlineData("posixrules", " Use a name such as \"Europe/Berlin\" or \"UTC\".")]
    [InlineData("Factory", " Use a name such as \"Europe/Berlin\" or \"UTC\".")]
    public void A_tz_file_that_names_no_zone_is_refused(string zone, string hint)
    {
        DiagnosticAssert.Reports($$"""
            job demo
            settings { timezone [|"{{zone}}"|] }
            """,
            $"error DSL2009: The time zone \"{zone}\" is not a known IANA time zone.{hint}");
    }

    /// <summary>Zone names are written as the tz database spells them; "utc" is no more one than "europe/berlin".</summary>
    [Theory]
    [InlineData("utc", "UTC")]
    [InlineData("Utc", "UTC")]
    [InlineData("europe/berlin", "Europe/Berlin")]
    public void A_time_zone_in_another_case_is_refused_with_its_spelling(string written, string meant)
    {
        DiagnosticAssert.Reports($$"""
            job demo
            settings { timezone [|"{{written}}"|] }
            """,
            $"error DSL2009: The time zone \"{written}\" is not a known IANA time zone. Did you mean \"{meant}\"?");
    }

    [Fact]
    public void A_message_quotes_line_breaks_and_control_characters_as_the_language_writes_them()
    {
        // Printed raw, the line break would split the diagnostic in two lines and the escape
        // (ESC [31m) would turn the terminal red.
        DiagnosticAssert.Reports(
            "job demo\n" +
            "settings { timezone [|\"Europe\\nBerlin\\u001b[31m\"|] }\n" +
            "model M {\n  ai P kW\n  ai Q kW\n}\n" +
            "merge M on P {\n  Q = [|`No\u001b[31m\tpe\u2028`|]\n}\n",
            """
            error DSL2009: The time zone "Europe\nBerlin\u001B[31m" is not a known IANA time zone. Did you mean "Europe/Berlin"?
            error DSL2003: The point "No\u001B[31m\tpe\u2028" is not declared in model "M". Declare it in model "M" or correct the name.
            """);
    }

    [Fact]
    public void A_suggestion_is_kept_as_it_is_written_while_the_message_shows_its_tab_as_an_escape()
    {
        var compilation = TestCompiler.Compile("job demo\nmodel M {\n  ai P kW\n  ai `Out\tPower` kW\n}\nmerge M on P {\n  `Out\tPowr` = P\n}\n");
        var diagnostic = Assert.Single(compilation.GetDiagnostics());
        Assert.EndsWith("Did you mean \"`Out\\tPower`\"?", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal("`Out\tPower`", diagnostic.Suggestion);
    }

    [Fact]
    public void A_repeated_setting_still_has_its_value_checked_and_the_first_applies()
    {
        DiagnosticAssert.Reports("""
            job demo
            settings { idle 5m  channel offline }
            settings {
              [|idle|] [|1mo|]
              [|channel|] [|offlin|]
              timezone "UTC"
            }
            settings { [|timezone|] [|"Mars/Base"|] }
            """,
            """
            error DSL2011: The setting "idle" is already set at line 2. Remove one of them.
            error DSL3026: The idle time must be a fixed length, but a month varies; write it in days or hours.
            error DSL2011: The setting "channel" is already set at line 2. Remove one of them.
            error DSL2008: "offlin" is not a valid channel. Did you mean "offline"?
            error DSL2011: The setting "timezone" is already set at line 6. Remove one of them.
            error DSL2009: The time zone "Mars/Base" is not a known IANA time zone. Use a name such as "Europe/Berlin" or "UTC".
            """);

        var job = TestCompiler.Compile("""
            job demo
            settings { idle 5m  channel offline }
            settings { idle 7m  channel realtime }
            """).Job!;
        Assert.Equal(300_000, job.Settings.Idle.Milliseconds);
        Assert.Equal(JobChannel.Offline, job.Settings.Channel);
    }

    [Fact]
    public void Settings_apply_their_defaults()
    {
        var job = TestCompiler.Compile("job demo").Job;
        Assert.NotNull(job);
        Assert.Equal(JobChannel.Realtime, job.Settings.Channel);
        Assert.Equal("UTC", job.Settings.TimeZone);
        Assert.False(job.Settings.HasTimeZone);
        Assert.Equal(0, job.Settings.Lateness.Milliseconds);
        Assert.Equal(600_000, job.Settings.Idle.Milliseconds);
    }

    [Fact]
    public void A_model_library_may_hold_only_imports_and_models()
    {
        DiagnosticAssert.Reports("""
            model M {
              ai Power kW
              ai Avg kW
            }
            [|settings|] {
              lateness 5m
            }
            [|aggregate|] M window tumbling 10m {
              Avg = avg(Power)
            }
            [|alarm|] {
              on failed notify "ops"
            }
            """,
            """
            error DSL3036: This file has no job line, so it is a model library, which may contain only imports and models; a settings block belongs in a job. Add a "job NAME" line or move it to a job file.
            error DSL3036: This file has no job line, so it is a model library, which may contain only imports and models; an aggregate rule belongs in a job. Add a "job NAME" line or move it to a job file.
            error DSL3036: This file has no job line, so it is a model library, which may contain only imports and models; an alarm block belongs in a job. Add a "job NAME" line or move it to a job file.
            """);
    }

    [Fact]
    public void A_model_library_has_no_job()
    {
        var compilation = TestCompiler.Compile("model M { ai Power kW }");
        Assert.Null(compilation.Job);
        Assert.Empty(compilation.GetDiagnostics());
    }

    /// <summary>Alarms and the daemon's status show a condition as the job writes it, not its numbers reformatted.</summary>
    [Fact]
    public void An_alarm_condition_keeps_its_text_as_written()
    {
        var job = TestCompiler.Compile("""
            job demo
            alarm {
              on input >= 1e0  per 60s, errors > 1000000000000000000000 per 1m notify "ops"
              on failed notify "ops"
            }
            """).Job;

        Assert.NotNull(job);
        Assert.Equal(
            ["input >= 1e0 per 60s", "errors > 1000000000000000000000 per 1m", "failed"],
            job.Alarms.SelectMany(rule => rule.Conditions).Select(c => c.Text));
    }

    [Fact]
    public void Alarms_check_metrics_thresholds_and_channels()
    {
        DiagnosticAssert.Reports("""
            job demo
            alarm {
              on [|errors > 100|] notify "ops"
              on [|lag > 100|] notify "ops"
              on [|failed > 1|] notify "ops"
              on [|failure|] notify "ops"
              on stopped notify [|"ops team"|]
              on failed, errors > 100 per 10m, lag > 5m notify "ops", "on-call.team_1"
            }
            """,
            """
            error DSL3041: The alarm metric "errors" counts events and needs a number threshold and a period, e.g. "on errors > 100 per 10m".
            error DSL3041: The alarm metric "lag" is a duration and needs a duration threshold, e.g. "on lag > 5m".
            error DSL3041: The alarm metric "failed" is a state and takes no threshold; write "on failed".
            error DSL2008: "failure" is not a valid alarm metric. Did you mean "failed"?
            error DSL3042: "ops team" is not a valid channel name; use letters, digits, '-', '_' or '.', as named in the runtime configuration.
            """);
    }

    /// <summary>Each field of a cron expression is checked where it is written, not when the daemon first computes a run.</summary>
    [Theory]
    [InlineData("abc * * * *", "'abc' is not a minute from 0 to 59")]
    [InlineData("61 * * * *", "'61' is not a minute from 0 to 59")]
    [InlineData("0 25 * * *", "'25' is not an hour from 0 to 23")]
    [InlineData("0 2 * 13 *", "'13' is not a month from 1 to 12")]
    [InlineData("0 2 * * 8", "'8' is not a day of the week from 0 to 7")]
    [InlineData("0 2 0 * *", "'0' is not a day of the month from 1 to 31")]
    [InlineData("*/0 * * * *", "'0' is not a step for the minute from 1 to 59")]
    [InlineData("0 5-2 * * *", "'5-2' is not an hour (a number, *, a range a-b, a list a,b or a step /n)")]
    [InlineData("1-2-3 * * * *", "'1-2-3' is not a minute (a number, *, a range a-b, a list a,b or a step /n)")]
    [InlineData("1- * * * *", "'1-' is not a minute (a number, *, a range a-b, a list a,b or a step /n)")]
    [InlineData("-2 * * * *", "'-2' is not a minute (a number, *, a range a-b, a list a,b or a step /n)")]
    [InlineData("1,,2 * * * *", "'1,,2' is not a minute (a number, *, a range a-b, a list a,b or a step /n)")]
    [InlineData("5/2/3 * * * *", "'5/2/3' is not a minute (a number, *, a range a-b, a list a,b or a step /n)")]
    [InlineData("0 2 1-3-5 * *", "'1-3-5' is not a day of the month (a number, *, a range a-b, a list a,b or a step /n)")]
    [InlineData("0 0 31 2 *", "it never runs: none of the months it allows has a day of the month it allows (February has at most 29 days; April, June, September and November 30)")]
    [InlineData("0 0 31 4,6,9,11 *", "it never runs: none of the months it allows has a day of the month it allows (February has at most 29 days; April, June, September and November 30)")]
    public void A_cron_field_out_of_its_range_is_an_error_at_the_expression(string cron, string problem)
    {
        var diagnostics = TestCompiler.Compile($$"""
            job demo
            settings {
              channel offline
            }
            schedule cron "{{cron}}"
            """).GetDiagnostics();

        var error = Assert.Single(diagnostics);
        Assert.Equal("DSL3038", error.Code);
        Assert.StartsWith($"The cron expression \"{cron}\" is not valid: {problem}. ", error.Message, StringComparison.Ordinal);
        Assert.Equal((4, 14), (error.Start.Line, error.Start.Character));
    }

    [Theory]
    [InlineData("0 0 29 2 *")]
    [InlineData("0 0 31 2 5")]
    [InlineData("0 0 30 1-2 *")]
    public void A_cron_expression_that_comes_only_in_some_years_or_by_its_day_of_the_week_is_valid(string cron)
    {
        var diagnostics = TestCompiler.Compile($$"""
            job demo
            settings {
              channel offline
            }
            schedule cron "{{cron}}"
            """).GetDiagnostics();

        Assert.Empty(diagnostics);
    }

    [Fact]
    public void A_schedule_needs_an_offline_job_and_valid_arguments()
    {
        DiagnosticAssert.Reports("""
            job demo
            [|schedule|] daily at 02:00
            """,
            """
            error DSL3035: A schedule applies only to jobs with channel offline; add "channel offline" to settings or remove the schedule.
            """);

        DiagnosticAssert.Reports("""
            job demo
            settings {
              channel offline
            }
            schedule daily at [|24:30|]
            [|schedule|] once
            """,
            """
            error DSL3037: 24:30 is not a time of day; use 00:00 to 23:59.
            error DSL2016: A file may have only one schedule; the first is at line 5. Remove this one.
            """);

        DiagnosticAssert.Reports("""
            job demo
            settings {
              channel offline
            }
            schedule cron [|"0 2 * *"|]
            """,
            """
            error DSL3038: The cron expression "0 2 * *" is not valid: it has 4 fields, not 5. A cron expression is 5 fields separated by spaces: minute (0-59) hour (0-23) day-of-month (1-31) month (1-12) day-of-week (0-7, 0 and 7 are Sunday), each a number, *, a range a-b, a list a,b or a step /n.
            """);

        DiagnosticAssert.Reports("""
            job demo
            settings {
              channel offline
            }
            [|schedule daily|]
            """,
            """
            error DSL3039: schedule daily needs a time of day, e.g. schedule daily at 02:00.
            """);
    }

    [Theory]
    [InlineData("schedule daily at [|2|]", "error DSL1001: Unexpected '2'; expected a time of day (such as 02:00). A time of day is written HH:MM: did you mean \"02:00\"?")]
    [InlineData("schedule daily at [|14|] // after lunch", "error DSL1001: Unexpected '14'; expected a time of day (such as 02:00). A time of day is written HH:MM: did you mean \"14:00\"?")]
    [InlineData("schedule daily at [|2|]:5", "error DSL1001: Unexpected '2'; expected a time of day (such as 02:00). A time of day is written HH:MM, from 00:00 to 23:59, with two digits for the minutes.")]
    [InlineData("schedule daily at [|noon|]", "error DSL1001: Unexpected 'noon'; expected a time of day (such as 02:00). A time of day is written HH:MM, from 00:00 to 23:59, with two digits for the minutes.")]
    [InlineData("schedule daily at 2:00 [|pm|]", "error DSL1001: Unexpected 'pm'; expected the end of the schedule. A time of day is written on the 24-hour clock: did you mean \"14:00\"?")]
    [InlineData("schedule daily at 12:30 [|AM|]", "error DSL1001: Unexpected 'AM'; expected the end of the schedule. A time of day is written on the 24-hour clock: did you mean \"00:30\"?")]
    // Run together, the hour and its am or pm are one malformed number.
    [InlineData("schedule daily at [|2pm|]", "error DSL1006: The number '2pm' is not valid. A time of day is written on the 24-hour clock: did you mean \"14:00\"?")]
    [InlineData("schedule daily at [|12am|]", "error DSL1006: The number '12am' is not valid. A time of day is written on the 24-hour clock: did you mean \"00:00\"?")]
    [InlineData("schedule daily at [|13pm|]", "error DSL1006: The number '13pm' is not valid.")]
    public void A_time_of_day_written_another_way_after_daily_at_says_how_it_is_written(string schedule, string message)
    {
        // Not "expected a declaration": the schedule's time is what is wrong.
        DiagnosticAssert.Reports("job demo\nsettings { channel offline }\n" + schedule, message);
    }

    [Theory]
    [InlineData("schedule daily at 2", "2", "02:00")]
    [InlineData("schedule daily at 7:15pm", "7:15pm", "19:15")]
    public void A_time_of_day_written_another_way_suggests_it_in_place(string schedule, string written, string suggestion)
    {
        // The editor's quick fix writes the suggestion over what it replaces.
        var text = "job demo\nsettings { channel offline }\n" + schedule;
        var diagnostic = Assert.Single(TestCompiler.Compile(text).GetDiagnostics());
        var fix = Assert.IsType<TextReplacement>(diagnostic.Fix);
        Assert.Equal(written, text.Substring(fix.Span.Start, fix.Span.Length));
        Assert.Equal(suggestion, fix.NewText);
    }

    [Theory]
    [InlineData("schedule every [|day|] at 02:00", "error DSL1001: Unexpected 'day'; expected a duration (such as 10m). A schedule once a day at a time is written \"schedule daily at 02:00\".")]
    [InlineData("schedule every [|days|] at 7:30", "error DSL1001: Unexpected 'days'; expected a duration (such as 10m). A schedule once a day at a time is written \"schedule daily at 7:30\".")]
    [InlineData("schedule every [|day|]", "error DSL1001: Unexpected 'day'; expected a duration (such as 10m). Did you mean \"1d\"?")]
    [InlineData("schedule every [|hour|]", "error DSL1001: Unexpected 'hour'; expected a duration (such as 10m). Did you mean \"1h\"?")]
    [InlineData("schedule every [|1|] hour", "error DSL1001: Unexpected '1'; expected a duration (such as 10m). A duration is written with a short unit and no space: 1h.")]
    [InlineData("schedule every [|6|] h", "error DSL1001: Unexpected '6'; expected a duration (such as 10m). A duration is written without a space: 6h.")]
    [InlineData("schedule every [|tuesday|]", "error DSL1001: Unexpected 'tuesday'; expected a duration (such as 10m).")]
    [InlineData("schedule daily [|midnight|]", "error DSL1001: Unexpected 'midnight'; expected 'at' and a time of day (such as 02:00).")]
    [InlineData("schedule cron [|0|] 2 * * *", "error DSL1001: Unexpected '0'; expected a cron expression in quotes. A cron expression is written in quotes: schedule cron \"0 2 * * *\".")]
    [InlineData("schedule cron [|0|] 2 * * * // nightly", "error DSL1001: Unexpected '0'; expected a cron expression in quotes. A cron expression is written in quotes: schedule cron \"0 2 * * *\".")]
    [InlineData("schedule on [|\"incoming/*.jsonl\"|] file", "error DSL1009: Expected 'file' after 'on'.")]
    [InlineData("schedule daily [|02:00|]", "error DSL1009: Expected 'at' after 'daily'.")]
    [InlineData("schedule [|hourly|]", "error DSL2008: \"hourly\" is not a valid schedule. Did you mean \"every 1h\"?")]
    [InlineData("schedule [|weekly|]", "error DSL2008: \"weekly\" is not a valid schedule. Did you mean \"every 1w\"?")]
    [InlineData("schedule [|at|] 02:00", "error DSL2008: \"at\" is not a valid schedule. A schedule once a day at a time is written \"schedule daily at 02:00\".")]
    public void A_schedule_written_another_way_is_one_error_that_says_how_it_is_written(string schedule, string message)
    {
        // Not also "schedule every needs a period" (DSL3039): the words after the kind are the mistake.
        DiagnosticAssert.Reports("job demo\nsettings { channel offline }\n" + schedule, message);
    }

    [Theory]
    [InlineData("schedule every hour", "hour", "1h")]
    [InlineData("schedule hourly", "hourly", "every 1h")]
    public void A_schedule_written_another_way_suggests_what_to_write_in_place_of_the_word(string schedule, string word, string suggestion)
    {
        // The editor's quick fix writes the suggestion over the diagnostic's span.
        var text = "job demo\nsettings { channel offline }\n" + schedule;
        var diagnostic = Assert.Single(TestCompiler.Compile(text).GetDiagnostics());
        Assert.Equal(word, text.Substring(diagnostic.Span.Start, diagnostic.Span.Length));
        Assert.Equal(suggestion, diagnostic.Suggestion);
    }

    [Fact]
    public void A_schedule_on_a_realtime_job_is_still_checked()
    {
        DiagnosticAssert.Reports("""
            job demo
            [|schedule|] daily at [|25:00|]
            """,
            """
            error DSL3035: A schedule applies only to jobs with channel offline; add "channel offline" to settings or remove the schedule.
            error DSL3037: 25:00 is not a time of day; use 00:00 to 23:59.
            """);

        // An invalid channel silences DSL3035 only: the schedule's content is checked.
        DiagnosticAssert.Reports("""
            job demo
            settings { channel [|offlin|] }
            schedule every [|0s|]
            """,
            """
            error DSL2008: "offlin" is not a valid channel. Did you mean "offline"?
            error DSL3024: The schedule period must be longer than zero.
            """);

        // A second schedule is reported, and its content is checked too.
        DiagnosticAssert.Reports("""
            job demo
            settings { channel offline }
            schedule once
            [|schedule|] daily at [|24:00|]
            """,
            """
            error DSL2016: A file may have only one schedule; the first is at line 3. Remove this one.
            error DSL3037: 24:00 is not a time of day; use 00:00 to 23:59.
            """);
    }

    [Fact]
    public void A_file_has_one_job_line()
    {
        DiagnosticAssert.Reports("""
            job demo
            [|job|] other
            """,
            """
            error DSL2016: A file may have only one job line; the first is at line 1. Remove this one.
            """);
    }
}
