namespace Dsl.Compiler.Diagnostics;

/// <summary>
/// Every diagnostic the toolchain reports, code beside message. A code is never reused or
/// renumbered; each is documented in docs/diagnostics.md (a test checks both).
/// Ranges: DSL1xxx syntax, DSL2xxx names, DSL3xxx types and stream rules, DSL4xxx emit and
/// internal errors, DSL5xxx runtime.
/// </summary>
public static class DiagnosticDescriptors
{
    private static DiagnosticDescriptor Error(string code, string title, string format) => new(code, DiagnosticSeverity.Error, title, format);

    private static DiagnosticDescriptor Warning(string code, string title, string format) => new(code, DiagnosticSeverity.Warning, title, format);

    // ---- DSL1xxx: syntax -------------------------------------------------------------
    public static readonly DiagnosticDescriptor UnexpectedToken = Error("DSL1001", "Unexpected token", "Unexpected {0}; expected {1}.{2}");
    public static readonly DiagnosticDescriptor InvalidCharacter = Error("DSL1002", "Invalid character", "The character {0} is not valid here.{1}");
    public static readonly DiagnosticDescriptor UnterminatedString = Error("DSL1003", "Unterminated string", "The string is not closed; add a '\"' before the end of the line.");
    public static readonly DiagnosticDescriptor UnterminatedComment = Error("DSL1004", "Unterminated comment", "The comment is not closed; add '*/'.");
    public static readonly DiagnosticDescriptor InvalidEscape = Error("DSL1005", "Invalid escape sequence", "The escape sequence {0} is not valid; use \\\", \\\\, \\n, \\t, or \\u and four hexadecimal digits (\\u00e9).");
    public static readonly DiagnosticDescriptor InvalidNumber = Error("DSL1006", "Invalid number", "The number {0} is not valid.{1}");
    public static readonly DiagnosticDescriptor InvalidDuration = Error("DSL1007", "Invalid duration", "The duration {0} is not valid; write an integer followed by ms, s, m, h, d, w or mo, with no space.{1}");
    public static readonly DiagnosticDescriptor NestingTooDeep = Error("DSL1008", "Nesting too deep", "The expression is nested more than {0} levels deep (parentheses, and each operator of a chain such as a + b + c, count as levels); split it into parts computed as separate points.");
    public static readonly DiagnosticDescriptor MissingToken = Error("DSL1009", "Missing token", "Expected {0} after {1}.");
    public static readonly DiagnosticDescriptor UnclosedBlock = Error("DSL1010", "Unclosed block", "Expected '}}' to close the '{{' on line {0}.");
    public static readonly DiagnosticDescriptor EmptyQuotedName = Error("DSL1011", "Empty quoted name", "A quoted name cannot be empty; write the name between the backticks.");
    public static readonly DiagnosticDescriptor UnterminatedQuotedName = Error("DSL1012", "Unterminated quoted name", "The quoted name is not closed; add a '`' before the end of the line.");
    public static readonly DiagnosticDescriptor TooManySyntaxErrors = Error("DSL1013", "Too many syntax errors", "Too many syntax errors; only the first {0} are reported.");
    public static readonly DiagnosticDescriptor UnpairedSurrogateEscape = Error("DSL1014", "Unpaired surrogate escape", "The escape sequence {0} is half of a UTF-16 surrogate pair and stands for no character; write the character itself, or both halves of its pair one after the other, as in \\uD83D\\uDE00.");
    // (syntax codes are added above this line)

    // ---- DSL2xxx: names --------------------------------------------------------------
    // A trailing {n} in these formats is a hint sentence: " Did you mean "X"?" or what to do instead.
    public static readonly DiagnosticDescriptor UnknownModel = Error("DSL2001", "Unknown model", "The model \"{0}\" is not declared.{1}");
    public static readonly DiagnosticDescriptor DuplicateModel = Error("DSL2002", "Duplicate model", "The model \"{0}\" is already declared at {1}. Rename or remove one of them.");
    public static readonly DiagnosticDescriptor UnknownPoint = Error("DSL2003", "Unknown point", "The {0} \"{1}\" is not declared in model \"{2}\".{3}");
    public static readonly DiagnosticDescriptor UnknownAttribute = Error("DSL2004", "Unknown attribute", "The attribute \"{0}\" is not declared in model \"{1}\".{2}");
    public static readonly DiagnosticDescriptor DuplicateMember = Error("DSL2005", "Duplicate point or attribute", "The name \"{0}\" is already declared in {1} at line {2}. Points and attributes of a model need distinct names; rename one of them.");
    public static readonly DiagnosticDescriptor UnknownFunction = Error("DSL2006", "Unknown function", "The function \"{0}\" does not exist.{1}");
    public static readonly DiagnosticDescriptor UnknownAggregateFunction = Error("DSL2007", "Unknown aggregate function", "\"{0}\" is not an aggregate function.{1}");
    public static readonly DiagnosticDescriptor UnknownWord = Error("DSL2008", "Unknown keyword value", "\"{0}\" is not a valid {1}.{2}");
    public static readonly DiagnosticDescriptor UnknownTimeZone = Error("DSL2009", "Unknown time zone", "The time zone \"{0}\" is not a known IANA time zone.{1}");
    public static readonly DiagnosticDescriptor UnknownSetting = Error("DSL2010", "Unknown setting", "The setting \"{0}\" does not exist.{1}");
    public static readonly DiagnosticDescriptor DuplicateSetting = Error("DSL2011", "Duplicate setting", "The setting \"{0}\" is already set at line {1}. Remove one of them.");
    public static readonly DiagnosticDescriptor ImportNotFound = Error("DSL2012", "Imported file not found", "The imported file \"{0}\" was not found at \"{1}\". Import paths are relative to the importing file; correct the path.");
    public static readonly DiagnosticDescriptor ImportCycle = Error("DSL2013", "Import cycle", "The import of \"{0}\" closes a cycle: {1}. Remove one of these imports.");
    public static readonly DiagnosticDescriptor ImportedJob = Error("DSL2014", "Imported file is a job", "The file \"{0}\" is a job; only model libraries (files without a job line) can be imported. Move the models it declares into a library and import that.");
    public static readonly DiagnosticDescriptor QualifierNotRuleModel = Error("DSL2015", "Point of another model", "\"{0}::{1}\" names model \"{0}\", but this rule works on model \"{2}\". A rule reads and writes only points of its own model{3}");
    public static readonly DiagnosticDescriptor DuplicateDeclaration = Error("DSL2016", "Duplicate declaration", "A file may have only one {0}; the first is at line {1}. Remove this one.");
    public static readonly DiagnosticDescriptor DuplicateOutput = Error("DSL2017", "Duplicate output", "The point \"{0}\" is already an output of this rule at line {1}. Remove one of the two.");
    public static readonly DiagnosticDescriptor UnusedPoint = Warning("DSL2018", "Unused point", "The point \"{0}\" of model \"{1}\" is not read or written by any rule of the job. Use it in a rule or remove it.");
    public static readonly DiagnosticDescriptor UnusedModel = Warning("DSL2019", "Unused model", "The model \"{0}\" is not used by any rule of the job. Use it in a rule, or move it to a model library.");
    public static readonly DiagnosticDescriptor ImportUnreadable = Error("DSL2022", "Imported file cannot be read", "The imported file \"{0}\" at \"{1}\" cannot be read: {2}");
    public static readonly DiagnosticDescriptor ImportIsDirectory = Error("DSL2020", "Imported path is a directory", "The imported path \"{0}\" is the directory \"{1}\", not a file. An import names one model library; import each file of the directory you need by its name.");
    public static readonly DiagnosticDescriptor EmptyImportPath = Error("DSL2021", "Empty import path", "The import path is empty. Write the path of a model library between the quotes, relative to the importing file, e.g. import \"models.stream\".");
    public static readonly DiagnosticDescriptor BlankJobName = Error("DSL2023", "Blank job name", "The job name is only white space; it goes into every output record and names the built files, so give the job a name, e.g. job turbine_kpis.");
    // (name codes are added above this line)

    // ---- DSL3xxx: types and stream rules ---------------------------------------------
    public static readonly DiagnosticDescriptor ConditionNotBool = Error("DSL3001", "Condition is not bool", "The condition has type {0}, but it must be bool. Compare the value, e.g. \"x > 0\".");
    public static readonly DiagnosticDescriptor BinaryOperatorTypes = Error("DSL3002", "Operator cannot be applied", "The operator \"{0}\" cannot be applied to {1} and {2}.{3}");
    public static readonly DiagnosticDescriptor UnaryOperatorTypes = Error("DSL3003", "Operator cannot be applied", "The operator \"{0}\" cannot be applied to {1}.{2}");
    public static readonly DiagnosticDescriptor ArgumentType = Error("DSL3004", "Argument of the wrong type", "Argument {0} of {1}() has type {2}, but it must be {3}.");
    public static readonly DiagnosticDescriptor ArgumentCount = Error("DSL3005", "Wrong number of arguments", "{0}() takes {1}, but {2} given. Signature: {3}.");
    public static readonly DiagnosticDescriptor ValueTypeMismatch = Error("DSL3006", "Value of the wrong type", "The {0} \"{1}\" has type {2}, but the value has type {3}. Change the declared type or the value.");
    public static readonly DiagnosticDescriptor BranchTypeMismatch = Error("DSL3007", "Branches of different types", "The branches of the conditional have types {0} and {1}; give both branches the same type.");
    public static readonly DiagnosticDescriptor HistoryOutsideMerge = Error("DSL3008", "History function outside merge", "{0}() reads the history of a point and is available only in merge rules.");
    public static readonly DiagnosticDescriptor HistoryArgumentNotPoint = Error("DSL3009", "History function needs a point", "{0}() takes the name of a point of the rule's model, e.g. {0}(ActivePower).");
    public static readonly DiagnosticDescriptor AggregateFunctionInExpression = Error("DSL3010", "Aggregate function inside an expression", "{0}() is an aggregate function; use it only as the function of an aggregate output (TARGET = {0}(P)), not inside an expression.");
    public static readonly DiagnosticDescriptor AggregateArgumentPoints = Error("DSL3011", "Aggregate argument must read one point", "The argument of {0}() must read exactly one point (plus attributes and constants), but it reads {1}.");
    public static readonly DiagnosticDescriptor PercentileInvalid = Error("DSL3012", "Invalid percentile", "The percentile must be a constant number from 0 to 100, e.g. percentile(x, 95).");
    public static readonly DiagnosticDescriptor FillOnlyOnCount = Error("DSL3013", "fill on a non-count output", "fill applies only to count; {0}() emits nothing for an empty window. Remove the fill.");
    public static readonly DiagnosticDescriptor WhereReadsOtherPoint = Error("DSL3014", "where reads another point", "The where condition reads \"{0}\", but the output aggregates \"{1}\". A where condition may read only the aggregated point (plus attributes and constants).");
    public static readonly DiagnosticDescriptor OutputWrittenTwice = Error("DSL3015", "Point written by two rules", "The point \"{0}\" is already written by the {1} rule at line {2}. A point can be the output of only one rule.");
    public static readonly DiagnosticDescriptor OutputPointKind = Error("DSL3016", "Write to an input-only point", "The point \"{0}\" is a di (status) point, which is input-only. Declare the output as an ai, pi or generic point.");
    public static readonly DiagnosticDescriptor EnergyTargetNotPi = Error("DSL3017", "Energy output is not a pi point", "Energy is written to pi points of type double, but \"{0}\" is {1}. Declare it as \"pi {0} kWh\".");
    public static readonly DiagnosticDescriptor EnergySourceKind = Error("DSL3018", "Wrong energy source point", "by {0} reads {1}, but \"{2}\" is {3}.");
    public static readonly DiagnosticDescriptor ClauseNotAllowed = Error("DSL3019", "Clause does not apply", "The {0} clause applies only to {1}; remove it or change the method.");
    public static readonly DiagnosticDescriptor DuplicateClause = Error("DSL3020", "Duplicate clause", "The {0} is given more than once; keep one.");
    public static readonly DiagnosticDescriptor EnergyWithoutOutput = Error("DSL3021", "Energy rule without output", "The energy rule writes no point; add \"daily TARGET\" or \"every D TARGET\".");
    public static readonly DiagnosticDescriptor TriggerIsOutput = Error("DSL3022", "Trigger is an output", "The trigger point \"{0}\" is an output of this merge; trigger on one of its inputs instead.");
    public static readonly DiagnosticDescriptor RuleCycle = Error("DSL3023", "Rule cycle", "The rules form a cycle: {0}. A point cannot depend on itself; remove one of these dependencies.");
    public static readonly DiagnosticDescriptor ZeroDuration = Error("DSL3024", "Zero duration", "The {0} must be longer than zero.");
    public static readonly DiagnosticDescriptor CalendarAmount = Error("DSL3025", "Invalid calendar length", "The {0} {1} is not a calendar length: calendar lengths are exactly 1d, 1w or 1mo.{2}");
    public static readonly DiagnosticDescriptor MonthNotFixed = Error("DSL3026", "Month as a fixed length", "The {0} must be a fixed length, but a month varies; write it in days or hours.");
    public static readonly DiagnosticDescriptor StepLongerThanWindow = Error("DSL3027", "Step longer than window", "The step {0} is longer than the window size {1}; make the step at most the size.");
    public static readonly DiagnosticDescriptor SizeNotMultipleOfStep = Error("DSL3028", "Window not a multiple of step", "The window size {0} is not a multiple of the step {1}; choose a step that divides the size.");
    public static readonly DiagnosticDescriptor HoppingCalendar = Error("DSL3029", "Hopping window in days, weeks or months", "A hopping window's size and step are fixed lengths, written in hours or shorter units, but {0} is in {1}; {2}.");
    public static readonly DiagnosticDescriptor OffsetTooLarge = Error("DSL3030", "Offset not shorter than window", "The offset {0} must be shorter than the window size {1}{2}.");
    public static readonly DiagnosticDescriptor SessionMaxTooShort = Error("DSL3031", "Session max not longer than gap", "The session max {0} must be longer than the gap {1}.");
    public static readonly DiagnosticDescriptor EarlyPeriodTooLong = Error("DSL3032", "Early period not shorter than window", "emit early every {0} must be shorter than the window {1}{2}; otherwise no early result is ever emitted.");
    public static readonly DiagnosticDescriptor EarlyNeedsPeriod = Error("DSL3033", "emit early without period", "emit early needs a period: write \"emit early every 1m\".");
    public static readonly DiagnosticDescriptor PeriodOnlyWithEarly = Error("DSL3034", "Period on a non-early emit", "Only emit early takes \"every D\"; remove it from emit {0}.");
    public static readonly DiagnosticDescriptor ScheduleNeedsOffline = Error("DSL3035", "Schedule on a realtime job", "A schedule applies only to jobs with channel offline; add \"channel offline\" to settings or remove the schedule.");
    public static readonly DiagnosticDescriptor LibraryMember = Error("DSL3036", "Job content in a model library", "This file has no job line, so it is a model library, which may contain only imports and models; {0} belongs in a job. Add a \"job NAME\" line or move it to a job file.");
    public static readonly DiagnosticDescriptor InvalidTimeOfDay = Error("DSL3037", "Invalid time of day", "{0} is not a time of day; use 00:00 to 23:59.");
    public static readonly DiagnosticDescriptor InvalidCron = Error("DSL3038", "Invalid cron expression", "The cron expression \"{0}\" is not valid: {1}. A cron expression is 5 fields separated by spaces: minute (0-59) hour (0-23) day-of-month (1-31) month (1-12) day-of-week (0-7, 0 and 7 are Sunday), each a number, *, a range a-b, a list a,b or a step /n.");
    public static readonly DiagnosticDescriptor ScheduleIncomplete = Error("DSL3039", "Incomplete schedule", "schedule {0} needs {1}.");
    public static readonly DiagnosticDescriptor InvalidSettingValue = Error("DSL3040", "Invalid setting value", "The setting \"{0}\" takes {1}.{2}");
    public static readonly DiagnosticDescriptor InvalidAlarmCondition = Error("DSL3041", "Invalid alarm condition", "The alarm metric \"{0}\" {1}.");
    public static readonly DiagnosticDescriptor InvalidChannelName = Error("DSL3042", "Invalid notify channel", "\"{0}\" is not a valid channel name; use letters, digits, '-', '_' or '.', as named in the runtime configuration.");
    public static readonly DiagnosticDescriptor EmptyInterval = Error("DSL3043", "Empty interval", "The interval is empty: no value lies between {0} and {1}. Swap or correct the bounds.");
    public static readonly DiagnosticDescriptor ConstantRequired = Error("DSL3044", "Not a constant", "{0} can use only {1}, but \"{2}\" is {3}.");
    public static readonly DiagnosticDescriptor RangeOnNonNumericPoint = Error("DSL3045", "Range on a non-numeric point", "A range bounds numeric values, but the point \"{0}\" has type {1}. Remove the range or change the type.");
    public static readonly DiagnosticDescriptor LatenessTooLong = Warning("DSL3046", "Very long lateness", "The lateness {0} is longer than 7 days; every window stays open and keeps its state that long. Shorten it unless that is intended.");
    public static readonly DiagnosticDescriptor HoldShorterThanPeriod = Warning("DSL3047", "hold shorter than trigger period", "The hold {0} is shorter than the trigger period {1}, so a value written at one grid time may count as missing at the next. Make the hold at least {2}.");
    public static readonly DiagnosticDescriptor DailyWithoutTimeZone = Warning("DSL3048", "Daily window without time zone", "The job sets no timezone, so this {0} follows UTC days for assets without a timezone of their own. Add timezone \"…\" to settings.");
    public static readonly DiagnosticDescriptor ValueNotPositive = Error("DSL3049", "Value not positive", "The {0} must be a number greater than zero.");
    public static readonly DiagnosticDescriptor OptionNotAllowed = Error("DSL3050", "Option does not apply", "The {0} option does not apply to {1} rules; remove it.");
    public static readonly DiagnosticDescriptor NotAPoint = Error("DSL3051", "Attribute where a point is needed", "\"{0}\" is an attribute of model \"{1}\", but {2} must be a point; attributes are per-asset constants.");
    public static readonly DiagnosticDescriptor IntervalBoundNotNumeric = Error("DSL3052", "Interval bound not a number", "An interval bound must be a number, but this one has type {0}.");
    public static readonly DiagnosticDescriptor NumberRequired = Error("DSL3053", "Number required", "{0} must be a number, but it has type {1}.");
    public static readonly DiagnosticDescriptor FillDoesNotFit = Error("DSL3054", "Fill value does not fit the point", "fill {0} cannot be written to the point \"{1}\" of type {2}; give {3}.");
    public static readonly DiagnosticDescriptor DurationTooLong = Error("DSL3056", "Duration too long", "The {0} {1} is longer than 100 years; a duration may be at most 36500d.");
    // Reported at the rule's source point; its "Did you mean" is the unit to declare that point in, in its model.
    public static readonly DiagnosticDescriptor EnergyInputUnit = Warning("DSL3057", "Energy input unit not converted", "The point \"{0}\" is declared in {1}, which {2} does not convert; it is read as {3}.{4}") with { SuggestsInPlace = false };
    public static readonly DiagnosticDescriptor EnergyOutputUnit = Warning("DSL3055", "Energy output not in kWh", "Energy rules write kWh, but the point \"{0}\" is declared in {1}. Declare it in kWh, or convert in a merge rule that reads a kWh point.");
    public static readonly DiagnosticDescriptor NegativeDuration = Error("DSL3058", "Negative duration", "The {0} cannot be negative; a duration is a length, written without a sign, such as {1}.");
    public static readonly DiagnosticDescriptor ConstantOverflow = Error("DSL3059", "Constant overflow", "The value of this constant expression, {0}, does not fit {1} ({2} to {3}); {1} arithmetic would wrap it around. Write the value itself, or compute in double (2.0 rather than 2).");
    public static readonly DiagnosticDescriptor GenericPointWithoutType = Error("DSL3060", "Generic point without a type", "The generic point \"{0}\" needs a type, since a generic point can hold any kind of value; write it as \"generic {0}: double\" (or long, int, bool, string).");
    public static readonly DiagnosticDescriptor RuleReadsOwnOutput = Error("DSL3061", "Rule reads its own output", "The {0} reads \"{1}\", which it writes itself. {2}");
    public static readonly DiagnosticDescriptor TypeWrittenAsUnit = Error("DSL3062", "Type written as a unit", "\"{0}\" after {1} \"{2}\" is a type, but without a colon it reads as a unit; write \"{3} {2}: {0}\".");
    public static readonly DiagnosticDescriptor RuleWithoutOutput = Error("DSL3064", "Rule without output", "The {0} rule writes no point; add an output such as \"{1}\".");
    public static readonly DiagnosticDescriptor MergeEveryReadsNoPoint = Error("DSL3063", "merge every reads no point", "This merge every {0} reads no point, so it is never evaluated: its grid times pass as the event time of the points it reads advances. Read a point of model \"{1}\" in an output, or trigger the rule with \"on POINT\".");
    public static readonly DiagnosticDescriptor TooManyHoppingWindows = Error("DSL3065", "Too many hopping windows", "A hopping window of {0} with step {1} puts every reading in {2} windows, more than the {3} allowed; use a longer step.");
    public static readonly DiagnosticDescriptor MeterWithoutSlope = Warning("DSL3066", "Meter rule without slope", "This meter rule has no slope, so every rising step counts, a spike's too: {0}. Add slope [0, MAX] with the highest rate the meter can show, in kWh per hour (such as its rated power times 1.2), or write slope [0, inf) to count every rising step.");
    public static readonly DiagnosticDescriptor ScaleWithoutEffect = Error("DSL3067", "Scale zero or not finite", "The scale is {0}, so {1}. Write the multiplier of every step (such as the CT/PT ratio): a finite number other than zero.");
    public static readonly DiagnosticDescriptor SchedulePeriodTooShort = Error("DSL3068", "Schedule period under a second", "schedule every {0} is shorter than a second, the shortest period a schedule has: the daemon looks at its schedules four times a second, and the job would run again as soon as each run ends. Write 1s or more, or use channel realtime to process records as they arrive.");
    // (type and rule codes are added above this line)

    // ---- DSL4xxx: emit and internal --------------------------------------------------
    public static readonly DiagnosticDescriptor InternalCompilerError = Error("DSL4001", "Internal compiler error", "Internal compiler error: {0}. Please report it with the file that caused it.");

    /// <summary>
    /// The detail of a DSL4001 for <paramref name="exception"/>: an exception message is usually
    /// a sentence ending in a period, and the message format adds its own.
    /// </summary>
    internal static string InternalErrorDetail(Exception exception, string context = "") =>
        $"{exception.GetType().Name}{context}: {exception.Message.TrimEnd().TrimEnd('.')}";
    public static readonly DiagnosticDescriptor GeneratedCodeRejected = Error("DSL4002", "Generated code rejected", "The generated C# did not compile (a compiler bug; please report it): {0}");
    public static readonly DiagnosticDescriptor NothingToBuild = Error("DSL4003", "Nothing to build", "The file \"{0}\" is a model library (it has no job line), so there is nothing to build or run; build a job that imports it.");
    // (emit codes are added above this line)

    // ---- DSL5xxx: runtime ------------------------------------------------------------
    // The runtime defines these in Dsl.Runtime.Hosting.RuntimeErrors (it cannot reference the compiler); a test keeps both equal.
    public static readonly DiagnosticDescriptor StateDamaged = Error("DSL5001", "State directory damaged", "The state directory {0} is damaged: {1}. No intact checkpoint is left in it. Delete the directory to start the run over.");
    public static readonly DiagnosticDescriptor CheckpointFallback = Warning("DSL5002", "Damaged checkpoint skipped", "The checkpoint {0} is damaged ({1}); resuming from the previous checkpoint {2}.");
    public static readonly DiagnosticDescriptor ForeignJobState = Error("DSL5003", "State of another job", "The state directory {0} holds the state of job \"{1}\", not of \"{2}\". Use another state directory, or delete this one.");
    public static readonly DiagnosticDescriptor IncompatibleState = Error("DSL5004", "State of an incompatible job version", "The state in {0} was written by version {1} of the job, and the state of these operators changed in version {2}: {3}. Use a new state directory for the new version, or stop the job to clear its state.");
    public static readonly DiagnosticDescriptor InputChanged = Error("DSL5005", "Input changed since the checkpoint", "The input {0} is not the one the checkpoint in {1} was taken on ({2}); a resumed run must read the same file. Restore that input, or delete the state directory to start over.");
    public static readonly DiagnosticDescriptor OutputChanged = Error("DSL5006", "Output changed since the checkpoint", "The output {0} does not hold what the checkpoint in {1} committed ({2}). Restore that output, or delete the state directory and the output to start over.");
    public static readonly DiagnosticDescriptor NeedsFiles = Error("DSL5007", "Resumable run needs files", "--state needs {0} to be a file: a resumed run re-reads its input from a position and truncates its output to one, which a pipe, standard input or standard output cannot do. Write the input to a file and pass --output FILE.");
    public static readonly DiagnosticDescriptor StateFormat = Error("DSL5008", "Unknown state format", "The state directory {0} was written in format {1}, and this runtime reads format {2}. Use the runtime that wrote it, or delete the directory to start over.");
    public static readonly DiagnosticDescriptor StateInUse = Error("DSL5009", "State directory in use", "The state directory {0} is in use by another run. Wait for it to finish, or use another directory.");
    public static readonly DiagnosticDescriptor RunComplete = new("DSL5010", DiagnosticSeverity.Info, "Run already complete", "The run recorded in {0} is complete ({1} records read, {2} outputs); there is nothing to do. Delete the state directory to run again.");
    public static readonly DiagnosticDescriptor NotAStateDirectory = Error("DSL5011", "Not a state directory", "{0} is not a state directory: it holds {1}, which a run did not write. Use an empty or new directory.");
    // (runtime codes are added above this line)

    /// <summary>All descriptors, found by reflection so a new one can never be forgotten here.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } =
        typeof(DiagnosticDescriptors).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => f.GetValue(null)).OfType<DiagnosticDescriptor>()
            .ToArray();
}
