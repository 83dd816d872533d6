using System.Text.Json;
using Dsl.Runtime.Assets;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Records;

namespace Dsl.Runtime.Sources;

/// <summary>
/// Parses EnOS measure-point records (one JSON object a line) into <see cref="InputRecord"/>s with
/// <see cref="Utf8JsonReader"/>: <c>assetId, modelId, pointId</c> (strings), <c>time</c> (epoch ms,
/// or an ISO-8601 string; without an offset it is UTC), <c>value</c> (number, bool or string, as the
/// point's type requires), optional <c>quality</c>; unknown fields are ignored. Ids of known models
/// and points are looked up without allocating.
/// <para>Checks run in this order, so a record of a point the job does not read is ignored
/// whatever else is wrong with it: JSON syntax; assetId, modelId and pointId present and strings;
/// model and point known and read by the job (else ignored); time present and parseable; value
/// present and of the point's type.</para>
/// </summary>
public sealed class NdjsonRecordReader
{
    private readonly PointTable _points;
    private readonly AssetTable _assets;
    private readonly RunCounters _counters;
    private readonly ErrorLog _errors;
    private char[] _asset = new char[64];
    private char[] _model = new char[64];
    private char[] _point = new char[64];
    private char[] _text = new char[64];

    public NdjsonRecordReader(PointTable points, AssetTable assets, RunCounters counters, ErrorLog errors)
    {
        _points = points;
        _assets = assets;
        _counters = counters;
        _errors = errors;
    }

    /// <summary>
    /// Whether a line (its line break taken off) holds no record: nothing but JSON's white space. Jobs
    /// and ingest pass such a line over alike, neither record nor refusal.
    /// </summary>
    public static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim(" \t\r"u8).IsEmpty;

    public ParseOutcome Parse(ReadOnlySpan<byte> line, long lineNumber, out InputRecord record)
    {
        record = default;
        if (IsBlank(line))
        {
            return ParseOutcome.Empty;
        }

        _counters.Increment(Counter.RecordsRead);
        var fields = default(Fields);
        try
        {
            if (!ReadFields(line, ref fields, out string? structural))
            {
                return Fail(lineNumber, line, RecordError.MalformedJson, structural ?? "not a JSON object");
            }
        }
        catch (JsonException e)
        {
            return Fail(lineNumber, line, RecordError.MalformedJson, $"not valid JSON {JsonProblem.Describe(e)}");
        }
        catch (InvalidOperationException)
        {
            // The reader checks a string's bytes only when it is read as text (CopyString).
            return Fail(lineNumber, line, RecordError.MalformedJson, "a string is not valid UTF-8 or escapes half of a surrogate pair");
        }

        if (fields.AssetLength < 0 || fields.ModelLength < 0 || fields.PointLength < 0)
        {
            string name = fields.AssetLength < 0 ? "assetId" : fields.ModelLength < 0 ? "modelId" : "pointId";
            return fields.BadIdField is { } bad
                ? Fail(lineNumber, line, RecordError.InvalidField, $"\"{bad}\" must be a string")
                : Fail(lineNumber, line, RecordError.MissingField, $"the field \"{name}\" is missing");
        }

        if (fields.AssetLength == 0)
        {
            // Outputs and state are keyed by the asset: one without a name would be every nameless source's.
            return Fail(lineNumber, line, RecordError.InvalidField, "\"assetId\" is empty");
        }

        if (!_points.TryGetModel(_model.AsSpan(0, fields.ModelLength), out int model)
            || !_points.TryGetPoint(model, _point.AsSpan(0, fields.PointLength), out int point)
            || !_points[point].IsInput)
        {
            _counters.Increment(Counter.Ignored);
            return ParseOutcome.Ignored;
        }

        if (fields.TimeState == FieldState.Absent)
        {
            return Fail(lineNumber, line, RecordError.MissingField, "the field \"time\" is missing");
        }

        if (fields.TimeState == FieldState.Bad)
        {
            return Fail(lineNumber, line, RecordError.InvalidTime, fields.TimeDetail!);
        }

        if (fields.ValueKind == JsonTokenType.None)
        {
            return Fail(lineNumber, line, RecordError.MissingField, "the field \"value\" is missing");
        }

        PointValueType type = _points[point].ValueType;
        if (!TryConvertValue(type, ref fields, out double value, out string? text))
        {
            return Fail(lineNumber, line, RecordError.WrongValueType, DescribeWrongValue(point, type, in fields, line));
        }

        int asset = _assets.GetOrAdd(_asset.AsSpan(0, fields.AssetLength), model);
        if (_assets.Model(asset) != model)
        {
            // An asset has one model: another model's points would read its attributes by the wrong slots.
            return Fail(lineNumber, line, RecordError.ModelMismatch, $"asset \"{_assets.Id(asset)}\" has {_assets.DescribeModel(asset)}, not \"{_model.AsSpan(0, fields.ModelLength)}\"");
        }
        if (fields.TimeIsNumber && SecondsLikeTimes.Suspect(fields.Time))
        {
            _counters.SecondsLike.Note(lineNumber, fields.Time);
        }

        record = new InputRecord(asset, point, fields.Time, value, text, fields.Quality, _points.IsValid(point, value), fields.IsCorrection);
        return ParseOutcome.Record;
    }

    private bool ReadFields(ReadOnlySpan<byte> line, ref Fields fields, out string? problem)
    {
        problem = null;
        fields.AssetLength = fields.ModelLength = fields.PointLength = -1;
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 64 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        int seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            Field field = reader.ValueTextEquals("assetId"u8) ? Field.Asset
                : reader.ValueTextEquals("modelId"u8) ? Field.Model
                : reader.ValueTextEquals("pointId"u8) ? Field.Point
                : reader.ValueTextEquals("time"u8) ? Field.Time
                : reader.ValueTextEquals("value"u8) ? Field.Value
                : reader.ValueTextEquals("quality"u8) ? Field.Quality
                : reader.ValueTextEquals("attr"u8) ? Field.Attributes
                : Field.Other;
            if (field != Field.Other)
            {
                // Which of two values a record means is anyone's guess: JSON readers differ on it.
                int bit = 1 << (int)field;
                if ((seen & bit) != 0)
                {
                    problem = $"the field \"{reader.GetString()}\" appears twice";
                    return false;
                }

                seen |= bit;
            }

            reader.Read();
            switch (field)
            {
                case Field.Asset:
                    fields.AssetLength = ReadId(ref reader, ref _asset, "assetId", ref fields);
                    break;
                case Field.Model:
                    fields.ModelLength = ReadId(ref reader, ref _model, "modelId", ref fields);
                    break;
                case Field.Point:
                    fields.PointLength = ReadId(ref reader, ref _point, "pointId", ref fields);
                    break;
                case Field.Time:
                    // Only a number can be epoch seconds taken for milliseconds; a date written out says what it means.
                    fields.TimeIsNumber = reader.TokenType == JsonTokenType.Number;
                    fields.TimeState = ReadTime(ref reader, out fields.Time, out fields.TimeDetail);
                    break;
                case Field.Value:
                    ReadValue(ref reader, ref fields);
                    break;
                case Field.Quality:
                    fields.Quality = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int q) ? q : 0;
                    reader.Skip();
                    break;
                case Field.Attributes:
                    fields.IsCorrection = IsUpdate(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return false;
        }

        if (reader.Read())
        {
            problem = "more than one JSON value on the line";
            return false;
        }

        return true;
    }

    /// <summary>
    /// Whether the <c>attr</c> object marks the record as an <c>update</c> (<c>"calMode": "update"</c>):
    /// a job's output correcting one it emitted before, which jobs reading the point through the
    /// channel take as a correction. Leaves the reader past the object.
    /// </summary>
    private static bool IsUpdate(ref Utf8JsonReader reader)
    {
        bool update = false;
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool mode = reader.ValueTextEquals("calMode"u8);
                reader.Read();
                if (mode)
                {
                    update = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("update"u8);
                }

                reader.Skip();
            }

            return update;
        }

        reader.Skip();
        return false;
    }

    private static int ReadId(ref Utf8JsonReader reader, ref char[] buffer, string name, ref Fields fields)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            fields.BadIdField ??= name;
            reader.Skip();
            return -1;
        }

        return CopyString(ref reader, ref buffer);
    }

    /// <summary>Unescapes the current string token into a reusable buffer; returns its length.</summary>
    private static int CopyString(ref Utf8JsonReader reader, ref char[] buffer)
    {
        int max = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        if (buffer.Length < max)
        {
            buffer = new char[Math.Max(max, buffer.Length * 2)];
        }

        return reader.CopyString(buffer);
    }

    /// <summary>Reads the time; a bad one gets its error's detail at once, while the reader is on its token.</summary>
    private static FieldState ReadTime(ref Utf8JsonReader reader, out long time, out string? detail)
    {
        TimeProblem problem = RecordTime.Read(ref reader, out time);
        if (problem == TimeProblem.None)
        {
            detail = null;
            return FieldState.Present;
        }

        detail = RecordTime.Describe(problem, ref reader);

        // Past an object or array given as the time (a no-op on any other token).
        reader.Skip();
        return FieldState.Bad;
    }

    private void ReadValue(ref Utf8JsonReader reader, ref Fields fields)
    {
        fields.ValueKind = reader.TokenType;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                fields.Number = reader.TryGetDouble(out double d) ? d : double.NaN;
                fields.IsInteger = reader.TryGetInt64(out long l) || WholeNumber.TryGetLong(d, reader.ValueSpan, out l);
                fields.Integer = l;

                // Where the number is written, to name it in an error (a number token is never split or escaped).
                fields.NumberStart = (int)reader.TokenStartIndex;
                fields.NumberLength = reader.ValueSpan.Length;
                break;
            case JsonTokenType.String:
                fields.TextLength = CopyString(ref reader, ref _text);
                break;
            default:
                reader.Skip();
                break;
        }
    }

    private bool TryConvertValue(PointValueType type, ref Fields fields, out double value, out string? text)
    {
        value = 0;
        text = null;
        switch (type)
        {
            case PointValueType.Double:
                value = fields.Number;
                return fields.ValueKind == JsonTokenType.Number && double.IsFinite(fields.Number);
            case PointValueType.Long:
                value = fields.Integer;
                return fields.ValueKind == JsonTokenType.Number && fields.IsInteger;
            case PointValueType.Int:
                value = fields.Integer;
                return fields.ValueKind == JsonTokenType.Number && fields.IsInteger && fields.Integer is >= int.MinValue and <= int.MaxValue;
            case PointValueType.Bool:
                value = fields.ValueKind == JsonTokenType.True ? 1 : 0;
                return fields.ValueKind is JsonTokenType.True or JsonTokenType.False;
            default:
                if (fields.ValueKind != JsonTokenType.String)
                {
                    return false;
                }

                text = new string(_text, 0, fields.TextLength);
                return true;
        }
    }

    private ParseOutcome Fail(long lineNumber, ReadOnlySpan<byte> line, RecordError reason, string detail)
    {
        _errors.Report(lineNumber, reason, detail, line);
        return ParseOutcome.Error;
    }

    /// <summary>
    /// Why a value does not fit its point: a number out of its type's range (<c>1e400</c> for a
    /// double, <c>3000000000</c> for an int) is named with that range, anything else with the type.
    /// </summary>
    private string DescribeWrongValue(int point, PointValueType type, in Fields fields, ReadOnlySpan<byte> line)
    {
        string name = _points[point].PointId;
        if (fields.ValueKind == JsonTokenType.Number)
        {
            ReadOnlySpan<byte> written = line.Slice(fields.NumberStart, fields.NumberLength);
            bool whole = written.IndexOfAny(".eE"u8) < 0 || WholeNumber.IsWhole(fields.Number, written);
            string? range = type switch
            {
                PointValueType.Double => "a double (at most ±1.7976931348623157E+308)",
                PointValueType.Long when whole => $"a 64-bit integer ({long.MinValue} to {long.MaxValue})",
                PointValueType.Int when whole => $"a 32-bit integer ({int.MinValue} to {int.MaxValue})",
                _ => null,
            };
            if (range is not null)
            {
                return $"the value {WrittenText.Of(written)} of point \"{name}\" is out of the range of {range}";
            }
        }

        return $"the value of point \"{name}\" must be {Describe(type)}";
    }

    private static string Describe(PointValueType type) => type switch
    {
        PointValueType.Double => "a number",
        PointValueType.Long => "an integer",
        PointValueType.Int => "a 32-bit integer",
        PointValueType.Bool => "true or false",
        _ => "a string",
    };

    private enum Field
    {
        Other,
        Asset,
        Model,
        Point,
        Time,
        Value,
        Quality,
        Attributes,
    }

    private enum FieldState : byte
    {
        Absent,
        Present,
        Bad,
    }

    private struct Fields
    {
        public int AssetLength;
        public int ModelLength;
        public int PointLength;
        public string? BadIdField;
        public FieldState TimeState;
        public long Time;
        public bool TimeIsNumber;
        public string? TimeDetail;
        public JsonTokenType ValueKind;
        public double Number;
        public bool IsInteger;
        public long Integer;
        public int NumberStart;
        public int NumberLength;
        public int TextLength;
        public int Quality;
        public bool IsCorrection;
    }
}
