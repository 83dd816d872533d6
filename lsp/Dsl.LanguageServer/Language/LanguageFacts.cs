using System.Text.RegularExpressions;

namespace Dsl.LanguageServer.Language;

/// <summary>
/// The words of the language as the editor presents them: which are reserved, and a short
/// explanation of each for hover and completion.
/// </summary>
public static partial class LanguageFacts
{
    public static IReadOnlyDictionary<string, string> KeywordDocs { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["job"] = "`job NAME \"description\"` — makes the file a job. A file without it is a model library (imports and models only).",
        ["import"] = "`import \"path\"` — brings the models of another file (a model library) into scope. The path is relative to this file.",
        ["settings"] = "`settings { … }` — job settings: `channel`, `timezone`, `lateness`, `idle`.",
        ["model"] = "`model NAME { points and attributes }` — a device model: its measure points and per-asset attributes.",
        ["attribute"] = "`attribute NAME[: type] [= default] [unit]` — a per-asset constant from asset master data; the default applies where an asset has no value.",
        ["ai"] = "`ai` — analog point (double by default).",
        ["di"] = "`di` — digital/status point (int by default); input-only.",
        ["pi"] = "`pi` — pulse input point: meter counters and energy (double by default).",
        ["generic"] = "`generic` — a point of any other kind; its type is given explicitly (`generic Mode: string`).",
        ["range"] = "`range INTERVAL` — on a point: values outside are invalid and excluded from every rule. In an energy block: the valid power samples.",
        ["aggregate"] = "`aggregate MODEL window … { TARGET = fn(P) … }` — windowed statistics of one input point, per device, into output points.",
        ["merge"] = "`merge MODEL (on P | every D) [hold D] { TARGET = EXPR … }` — an expression over several points of one device, into output points.",
        ["energy"] = "`energy MODEL from P by meter|instant_power|average_power { … }` — energy per day and per fixed interval, per device, into pi points.",
        ["window"] = "`window tumbling SIZE [offset D] | hopping SIZE step STEP | session GAP [max D]` — the window of an aggregate rule.",
        ["tumbling"] = "`tumbling SIZE [offset D]` — consecutive, non-overlapping windows aligned to the Unix epoch (1d, 1w, 1mo are calendar windows in the asset's time zone).",
        ["hopping"] = "`hopping SIZE step STEP` — overlapping windows of SIZE starting every STEP.",
        ["session"] = "`session GAP [max D]` — a window per burst of activity, closed after GAP without records (and at most D long).",
        ["step"] = "`step STEP` — how far apart hopping windows start.",
        ["offset"] = "`offset D` — shifts tumbling windows from the epoch alignment.",
        ["max"] = "`max D` — the longest a session window may last. (As a function: the largest value.)",
        ["lateness"] = "`lateness D` — how long after a window's end late records are still accepted (default 0s, or the job's setting).",
        ["emit"] = "`emit ontime | final | early every D` — when window results are emitted.",
        ["ontime"] = "`emit ontime` — the result when the window is due, then an update for every accepted late record (default).",
        ["final"] = "`emit final` — one result per window, once lateness has expired.",
        ["early"] = "`emit early every D` — partial results every D of event time, then on time, then updates.",
        ["stamp"] = "`stamp start | end` — output record time: the window start (default) or end.",
        ["on"] = "`on P` — evaluate the merge on each record of point P. (In an alarm: the condition.)",
        ["every"] = "`every D` — evaluate at each grid time k·D of event time; in an energy block, `every D TARGET` writes energy per interval.",
        ["hold"] = "`hold D` — a latest value older than D counts as missing (default: unbounded).",
        ["from"] = "`from P` — the point an energy rule reads.",
        ["by"] = "`by meter | instant_power | average_power` — how energy is computed.",
        ["meter"] = "`by meter` — sum of meter reading deltas (EnOS algorithm): slope-checked steps, attributed to the day of their end reading.",
        ["instant_power"] = "`by instant_power` — energy from power samples by the trapezoid rule.",
        ["average_power"] = "`by average_power` — energy from interval averages (rectangle rule).",
        ["slope"] = "`slope INTERVAL` — valid kWh per hour of a meter step; others are discarded and counted.",
        ["scale"] = "`scale EXPR` — multiplier of every step (CT/PT ratio); default 1.",
        ["daily"] = "`daily TARGET` — energy per local calendar day. (In a schedule: `daily at HH:MM`.)",
        ["rollover"] = "`rollover M` — the meter counter wraps after M.",
        ["missing"] = "`missing last | ignore` — what replaces an invalid power sample.",
        ["split"] = "`split` — pro-rate steps across day and interval boundaries instead of attributing them to their end.",
        ["where"] = "`where COND` — filters the records that enter this output.",
        ["fill"] = "`fill N` — `count` only: emit N for empty windows.",
        ["in"] = "`x in INTERVAL` — whether x lies in the interval, e.g. `x in [0, 100)`.",
        ["if"] = "`if c then a else b` — the same as `c ? a : b`.",
        ["then"] = "`if c then a else b`.",
        ["else"] = "`if c then a else b` — the else branch is required.",
        ["true"] = "The bool value true.",
        ["false"] = "The bool value false.",
        ["inf"] = "Infinity, allowed only as an interval bound: `(-inf, 50]`.",
        ["alarm"] = "`alarm { on CONDITIONS notify \"channel\", … }` — notifications evaluated by the runtime daemon.",
        ["notify"] = "`notify \"channel\", …` — the channels (named in the runtime configuration) an alarm notifies.",
        ["per"] = "`errors > N per D` — the period an alarm counts over.",
        ["failed"] = "Alarm metric: the job failed.",
        ["stopped"] = "Alarm metric: the job stopped.",
        ["errors"] = "Alarm metric: records in error (`errors > N per D`).",
        ["late"] = "Alarm metric: late records dropped (`late > N per D`).",
        ["invalid"] = "Alarm metric: invalid values and results (`invalid > N per D`).",
        ["skipped"] = "Alarm metric: evaluations skipped for a missing value or attribute (`skipped > N per D`).",
        ["ignored"] = "Alarm metric: records of models or points the job does not use (`ignored > N per D`).",
        ["input"] = "Alarm metric: records read (`input > N per D`).",
        ["output"] = "Alarm metric: records written (`output > N per D`).",
        ["lag"] = "Alarm metric: watermark lag (`lag > D`).",
        ["checkpoint_age"] = "Alarm metric: time since the last checkpoint (`checkpoint_age > D`).",
        ["schedule"] = "`schedule once | every D | daily at HH:MM | cron \"…\" | on file \"glob\"` — when an offline job runs.",
        ["once"] = "`schedule once` — run the offline job one time.",
        ["at"] = "`daily at HH:MM` — the local time of a daily schedule.",
        ["cron"] = "`cron \"m h dom mon dow\"` — a cron schedule.",
        ["file"] = "`on file \"glob\"` — run when a matching file arrives.",
        ["channel"] = "`channel realtime | offline` — which input channel the job reads (default realtime).",
        ["timezone"] = "`timezone \"Area/City\"` — IANA zone for calendar windows and time functions (default UTC); an asset's own zone wins.",
        ["idle"] = "`idle D` — realtime: a device silent this long has the windows the wall clock has passed closed (default 10m).",
        ["realtime"] = "`channel realtime` — the real-time channel (default).",
        ["offline"] = "`channel offline` — the offline (batch) channel; allows `schedule`.",
        ["start"] = "`stamp start` — output time is the window start (default).",
        ["end"] = "`stamp end` — output time is the window end.",
        ["last"] = "`missing last` — replace an invalid sample with the last valid one. (As an aggregate: the latest value.)",
        ["ignore"] = "`missing ignore` — drop invalid samples.",
        ["double"] = "64-bit floating point (default for ai and pi points).",
        ["int"] = "32-bit integer (default for di points); widens to double.",
        ["long"] = "64-bit integer; widens to double.",
        ["bool"] = "true or false.",
        ["string"] = "Text.",
    };

    public static IReadOnlyList<string> TopLevelKeywords { get; } = ["job", "import", "settings", "model", "aggregate", "merge", "energy", "alarm", "schedule"];

    public static IReadOnlyList<string> ModelMemberKeywords { get; } = ["ai", "di", "pi", "generic", "attribute"];

    public static IReadOnlyList<string> SettingKeys { get; } = ["channel", "timezone", "lateness", "idle"];

    public static IReadOnlyList<string> AggregateOptionKeywords { get; } = ["lateness", "emit", "stamp"];

    public static IReadOnlyList<string> WindowKinds { get; } = ["tumbling", "hopping", "session"];

    public static IReadOnlyList<string> Types { get; } = ["double", "int", "long", "bool", "string"];

    public static IReadOnlyList<string> DurationUnits { get; } = ["ms", "s", "m", "h", "d", "w", "mo"];

    public static IReadOnlyDictionary<string, string> DurationUnitNames { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ms"] = "milliseconds",
        ["s"] = "seconds",
        ["m"] = "minutes",
        ["h"] = "hours",
        ["d"] = "days (1d: a calendar day in the asset's time zone)",
        ["w"] = "weeks (1w: a calendar week starting Monday)",
        ["mo"] = "calendar months",
    };

    /// <summary>Common IANA zones offered inside <c>timezone "…"</c> (any IANA id is accepted).</summary>
    public static IReadOnlyList<string> CommonTimeZones { get; } =
    [
        "UTC", "Europe/Berlin", "Europe/London", "Europe/Paris", "Europe/Madrid", "Europe/Rome", "Europe/Amsterdam",
        "Europe/Copenhagen", "Europe/Stockholm", "Europe/Oslo", "Europe/Helsinki", "Europe/Warsaw", "Europe/Vienna",
        "Europe/Zurich", "Europe/Lisbon", "Europe/Athens", "Europe/Istanbul", "Europe/Moscow",
        "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Sao_Paulo",
        "America/Mexico_City", "America/Toronto", "Asia/Shanghai", "Asia/Tokyo", "Asia/Singapore", "Asia/Kolkata",
        "Asia/Dubai", "Asia/Seoul", "Asia/Hong_Kong", "Australia/Sydney", "Australia/Perth", "Africa/Johannesburg",
        "Africa/Cairo", "Pacific/Auckland",
    ];

    /// <summary>
    /// The reserved words, as the lexer reserves them: a name spelled like one needs
    /// backticks. Every other keyword is contextual and may also be a name.
    /// </summary>
    public static IReadOnlySet<string> ReservedWords => Dsl.Compiler.Parsing.ReservedWords.All;

    public static bool IsIdentifier(string text) => Dsl.Compiler.Parsing.ReservedWords.IsIdentifier(text);

    /// <summary>A name as it may be written: a non-reserved identifier, or a backtick-quoted name.</summary>
    public static bool IsValidName(string text) =>
        (IsIdentifier(text) && !ReservedWords.Contains(text)) || QuotedNamePattern().IsMatch(text);

    /// <summary>The name as source text: bare when it can be, in backticks otherwise.</summary>
    public static string Quote(string name) => Dsl.Compiler.Parsing.ReservedWords.Quote(name);

    [GeneratedRegex("^`[^`\\r\\n]+`$")]
    private static partial Regex QuotedNamePattern();
}
