using System.Text;
using Dsl.Runtime.Assets;
using Dsl.Runtime.Records;
using Dsl.Runtime.Tests.HandWrittenJobs;

namespace Dsl.Runtime.Tests;

public sealed class AssetTableTests
{
    private const string MasterData = """
        [
          {"assetId":"A","modelId":"Turbine","timezone":"Asia/Shanghai","attributes":{"Rated":2500,"Scale":3}},
          {"assetId":"B","modelId":"Turbine","attributes":{"Note":"x"}}
        ]
        """;

    [Fact]
    public void An_asset_takes_its_zone_from_master_data_else_the_jobs_zone()
    {
        AssetTable assets = Table(MasterData);

        Assert.Equal("Asia/Shanghai", assets.Zone(assets.GetOrAdd("A", 0)).Id);
        Assert.Equal("Europe/Berlin", assets.Zone(assets.GetOrAdd("B", 0)).Id);
        Assert.Equal("Europe/Berlin", assets.Zone(assets.GetOrAdd("unknown", 0)).Id);
    }

    [Fact]
    public void Attribute_values_come_from_master_data_else_the_default_else_are_absent()
    {
        AssetTable assets = Table(MasterData);
        int a = assets.GetOrAdd("A", 0);
        int b = assets.GetOrAdd("B", 0);

        Assert.True(assets.TryNumber(a, OracleModel.Rated, out double rated) && rated == 2500);
        Assert.True(assets.TryNumber(a, OracleModel.Scale, out double scale) && scale == 3);
        Assert.False(assets.TryNumber(b, OracleModel.Rated, out _));
        Assert.True(assets.TryNumber(b, OracleModel.Scale, out double defaultScale) && defaultScale == 1);
    }

    [Fact]
    public void Slots_are_dense_and_stable()
    {
        AssetTable assets = Table("[]");

        Assert.Equal(0, assets.GetOrAdd("x", 0));
        Assert.Equal(1, assets.GetOrAdd("y".AsSpan(), 0));
        Assert.Equal(0, assets.GetOrAdd("x".AsSpan(), 0));
        Assert.Equal("y", assets.Id(1));
    }

    [Theory]
    [InlineData("{}", "must be a JSON array")]
    [InlineData("[{\"modelId\":\"Turbine\"}]", "has no \"assetId\"")]
    [InlineData("[{\"assetId\":\"\",\"modelId\":\"Turbine\"}]", "Asset master data entry 0 has an empty \"assetId\"; no record can name it.")]
    [InlineData("[{\"assetId\":\"A\",\"attributes\":{\"Rated\":[1]}}]", "must be a number, a bool or a string")]
    [InlineData("[{\"assetId\":\"A\",\"attributes\":{\"Rated\":1e400}}]", "Attribute \"Rated\" of asset \"A\" is 1e400, beyond the largest number a double holds (about 1.8e308).")]
    [InlineData("[{\"assetId\":\"A\",\"attributes\":{\"Rated\":-2E+309}}]", "Attribute \"Rated\" of asset \"A\" is -2E+309, beyond the largest number a double holds")]
    [InlineData("[{\"assetId\":\"A\",\"attributes\":[{\"Rated\":1}]}]", "\"attributes\" of asset \"A\" must be an object of attribute values")]
    [InlineData("[{\"assetId\":\"A\",\"attributes\":\"Rated=1\"}]", "\"attributes\" of asset \"A\" must be an object of attribute values")]
    [InlineData("[{\"assetId\":\"A\",\"attributes\":{\"Rated\":1}},{\"assetId\":\"B\"},{\"assetId\":\"A\",\"attributes\":{\"Rated\":2}}]",
        "Asset master data entries 0 and 2 both describe asset \"A\"")]
    [InlineData("[{\"assetId\":\"A\",\"modelId\":\"Meter\",\"modelId\":\"Other\"}]", "Asset master data entry 0 gives \"modelId\" twice; keep one.")]
    [InlineData("[{\"assetId\":\"A\",\"attributes\":{\"Rated\":1},\"attributes\":{}}]", "Asset master data entry 0 gives \"attributes\" twice; keep one.")]
    [InlineData("[{\"assetId\":\"A\",\"attributes\":{\"Rated\":1,\"Rated\":2}}]", "Attribute \"Rated\" of asset \"A\" is given twice; keep one.")]
    public void Defective_master_data_stops_with_a_message(string json, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => Table(json));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    /// <summary>The file's text quoted in a message (an asset id holding an escape) cannot act on the terminal.</summary>
    [Fact]
    public void A_message_quotes_the_file_s_control_characters_escaped()
    {
        string path = Path.Combine(Path.GetTempPath(), $"assets-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """[{"assetId":"N\u001b[31mRED","timezone":"Mars/X"}]""");
        try
        {
            var error = Assert.Throws<AssetMasterDataException>(() => AssetMasterDataFile.Read(path));

            Assert.Contains("of asset \"N\\u001b[31mRED\"", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\u001b', error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Every defect of the file is named in one message, of one entry or of several, up to ten, the rest counted.</summary>
    [Fact]
    public void Every_defect_of_the_file_is_named_at_once()
    {
        var error = Assert.Throws<InvalidDataException>(() => Table("""
            [{"assetId":"A","attributes":{"Rated":null,"Kind":[1],"Good":1}},
             {"modelId":"M"},
             {"assetId":"C","timezone":"Mars/Olympus"},
             {"assetId":"A"}]
            """));

        Assert.StartsWith(
            "Attribute \"Rated\" of asset \"A\" must be a number, a bool or a string. Attribute \"Kind\" of asset \"A\" must be a number, a bool or a string. Asset master data entry 1 has no \"assetId\". ",
            error.Message,
            StringComparison.Ordinal);
        Assert.Contains("Mars/Olympus", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Asset master data entries 0 and 3 both describe asset \"A\"; keep one entry per asset.", error.Message, StringComparison.Ordinal);

        string many = "[" + string.Join(",", Enumerable.Range(0, 12).Select(i => $"{{\"assetId\":\"a{i}\",\"attributes\":{{\"X\":null}}}}")) + "]";
        var counted = Assert.Throws<InvalidDataException>(() => Table(many));
        Assert.Contains("\"a9\"", counted.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\"a10\"", counted.Message, StringComparison.Ordinal);
        Assert.EndsWith(" And 2 more.", counted.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[{\"assetId\":\"A\",\"timeZone\":\"Asia/Shanghai\"}]", "Asset master data entry 0 has a field \"timeZone\"; it is spelled \"timezone\".")]
    [InlineData("[{\"assetId\":\"A\"},{\"AssetId\":\"B\",\"assetId\":\"B\"}]", "Asset master data entry 1 has a field \"AssetId\"; it is spelled \"assetId\".")]
    [InlineData("[{\"assetId\":\"A\",\"modelID\":\"Turbine\"}]", "Asset master data entry 0 has a field \"modelID\"; it is spelled \"modelId\".")]
    [InlineData("[{\"assetId\":\"A\",\"Attributes\":{\"Rated\":1}}]", "Asset master data entry 0 has a field \"Attributes\"; it is spelled \"attributes\".")]
    public void A_field_spelt_in_another_case_stops_with_its_spelling(string json, string message)
    {
        // Taken as an unknown field, it would leave the asset on the job's zone or the defaults, silently.
        var error = Assert.Throws<InvalidDataException>(() => Table(json));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Fields_other_systems_add_are_ignored()
    {
        AssetTable assets = Table("""[{"assetId":"A","name":"Turbine 7","site":{"id":3},"timezone":"Asia/Shanghai"}]""");

        Assert.Equal("Asia/Shanghai", assets.Zone(assets.GetOrAdd("A", 0)).Id);
    }

    [Theory]
    [InlineData("[{\"assetId\":\"A\",\"timezone_id\":\"Asia/Shanghai\"}]", "Asset master data entry 0 has a field \"timezone_id\" but no \"timezone\"; did you mean \"timezone\"?")]
    [InlineData("[{\"assetId\":\"A\",\"time_zone\":\"Asia/Shanghai\"}]", "Asset master data entry 0 has a field \"time_zone\" but no \"timezone\"; did you mean \"timezone\"?")]
    [InlineData("[{\"assetId\":\"A\",\"zone\":\"Asia/Shanghai\"}]", "Asset master data entry 0 has a field \"zone\" but no \"timezone\"; did you mean \"timezone\"?")]
    [InlineData("[{\"assetId\":\"A\"},{\"assetId\":\"B\",\"model\":\"Turbine\"}]", "Asset master data entry 1 has a field \"model\" but no \"modelId\"; did you mean \"modelId\"?")]
    [InlineData("[{\"assetId\":\"A\",\"model_id\":\"Turbine\"}]", "Asset master data entry 0 has a field \"model_id\" but no \"modelId\"; did you mean \"modelId\"?")]
    [InlineData("[{\"assetId\":\"A\",\"attribs\":{\"Rated\":1}}]", "Asset master data entry 0 has a field \"attribs\" but no \"attributes\"; did you mean \"attributes\"?")]
    [InlineData("[{\"assetId\":\"A\",\"attributs\":{\"Rated\":1}}]", "Asset master data entry 0 has a field \"attributs\" but no \"attributes\"; did you mean \"attributes\"?")]
    [InlineData("[{\"asset_id\":\"A\"}]", "Asset master data entry 0 has a field \"asset_id\" but no \"assetId\"; did you mean \"assetId\"?")]
    public void A_misspelt_field_stops_with_the_field_it_means(string json, string message)
    {
        // Taken as a field another system added, it would leave the asset on the job's zone, its
        // first record's model or the attributes' defaults, silently.
        var error = Assert.Throws<InvalidDataException>(() => Table(json));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("time")]
    [InlineData("modelName")]
    [InlineData("assetType")]
    [InlineData("site")]
    public void A_field_not_close_to_one_of_ours_is_another_systems(string field)
    {
        AssetTable assets = Table($$"""[{"assetId":"A","{{field}}":"x"}]""");

        // The job's zone: the asset's entry names none.
        Assert.Equal("Europe/Berlin", assets.Zone(assets.GetOrAdd("A", 0)).Id);
    }

    /// <summary>
    /// Fields energy and IoT systems add for themselves, in an entry with no zone or model of ours:
    /// a grid or climate zone is no time zone, and a node's id no model's, though a letter or two
    /// apart from ours.
    /// </summary>
    [Theory]
    [InlineData("zone", "North")]
    [InlineData("zone", "DE-LU")]
    [InlineData("nodeId", "N7")]
    public void A_field_of_another_meaning_near_one_of_ours_is_another_systems(string field, string value)
    {
        AssetTable assets = Table($$"""[{"assetId":"A","{{field}}":"{{value}}"}]""");

        Assert.Equal("Europe/Berlin", assets.Zone(assets.GetOrAdd("A", 0)).Id);
    }

    [Fact]
    public void A_field_named_like_one_the_entry_has_is_another_systems()
    {
        // "model" is close to "modelId", and "zone" (an id of one) to "timezone", but the entry has
        // both of those: the field is not a misspelling of them.
        AssetTable assets = Table("""[{"assetId":"A","assetName":"Turbine 7","modelId":"M","model":"WTG 3.0","timezone":"Asia/Shanghai","zone":"Europe/Berlin","attributes":{}}]""");

        Assert.Equal("Asia/Shanghai", assets.Zone(assets.GetOrAdd("A", 0)).Id);
    }

    [Theory]
    [InlineData("[{\"assetId\":\"A\"},{\"assetId\":\"B\u00ff\"}]")]
    [InlineData("[{\"assetId\":\"A\"},{\"assetId\":\"B\",\"attributes\":{\"R\u00ffted\":1}}]")]
    [InlineData("[{\"assetId\":\"A\"},{\"assetId\":\"B\",\"attributes\":{\"Label\":\"\\udc00\"}}]")]
    public void Master_data_with_a_string_that_is_not_valid_UTF_8_or_UTF_16_stops_with_a_message(string latin1)
    {
        // Each char of the argument is one byte of the file, so it can hold bytes that are not UTF-8.
        var error = Assert.Throws<InvalidDataException>(() => AssetMasterDataReader.Read(new MemoryStream(Encoding.Latin1.GetBytes(latin1))));

        Assert.Equal("Asset master data entry 1 has a string that is not valid UTF-8 or escapes half of a surrogate pair.", error.Message);
    }

    /// <summary>
    /// Master data comes from other systems: a zone in another case is taken, whether or not the
    /// process has loaded that zone before (Pacific/Chatham is in no other test).
    /// </summary>
    [Fact]
    public void A_time_zone_in_master_data_is_found_in_any_case()
    {
        AssetTable assets = Table("""[{"assetId":"A","timezone":"pacific/CHATHAM"}]""");

        Assert.Equal("Pacific/Chatham", assets.Zone(assets.GetOrAdd("A", 0)).Id);
    }

    [Fact]
    public void An_unknown_time_zone_is_reported_with_its_asset_when_the_master_data_is_read()
    {
        var error = Assert.Throws<InvalidDataException>(() => Table("[{\"assetId\":\"B\"},{\"assetId\":\"A\",\"timezone\":\"Mars/Olympus\"}]"));
        Assert.Equal("The time zone \"Mars/Olympus\" of asset \"A\" is not known on this machine.", error.Message);
    }

    [Theory]
    [InlineData("Europe/Berln", "Europe/Berlin")]
    [InlineData("Asia/Shangai", "Asia/Shanghai")]
    [InlineData("America/NewYork", "America/New_York")]
    public void A_misspelt_time_zone_in_master_data_is_reported_with_the_closest_known_zone(string written, string meant)
    {
        var error = Assert.Throws<InvalidDataException>(() => Table($"[{{\"assetId\":\"A\",\"timezone\":\"{written}\"}}]"));
        Assert.Equal($"The time zone \"{written}\" of asset \"A\" is not known on this machine. Did you mean \"{meant}\"?", error.Message);
    }

    /// <summary>Files of the tz folder that name no zone: the host's own, which differs between machines, and the copies under posix/ and right/.</summary>
    [Theory]
    [InlineData("localtime", " \"localtime\" is the zone the machine is set to, which differs from one machine to the next; name the zone, such as \"Europe/Berlin\".")]
    [InlineData("posix/Europe/Berlin", " Did you mean \"Europe/Berlin\"? The folders posix/ and right/ hold copies of the tz database's zones, not zones of their own.")]
    [InlineData("right/UTC", " Did you mean \"UTC\"? The folders posix/ and right/ hold copies of the tz database's zones, not zones of their own.")]
    [InlineData("posix/europe/berlin", " Did you mean \"Europe/Berlin\"? The folders posix/ and right/ hold copies of the tz database's zones, not zones of their own.")]
    [InlineData("posixrules", " Name the zone, such as \"Europe/Berlin\".")]
    [InlineData("Factory", " Name the zone, such as \"Europe/Berlin\".")]
    public void A_tz_file_that_names_no_zone_is_refused_in_master_data(string written, string hint)
    {
        var error = Assert.Throws<InvalidDataException>(() => Table($"[{{\"assetId\":\"A\",\"timezone\":\"{written}\"}}]"));
        Assert.Equal($"The time zone \"{written}\" of asset \"A\" is not a zone of the tz database.{hint}", error.Message);
    }

    [Fact]
    public void An_unknown_time_zone_given_in_code_is_reported_with_its_asset_at_the_assets_first_record()
    {
        var assets = new AssetTable(OracleModel.Manifest, new PointTable(OracleModel.Manifest), [new AssetMasterData("A", null, "Mars/Olympus", new Dictionary<string, PointValue>())]);

        var error = Assert.Throws<InvalidDataException>(() => assets.GetOrAdd("A", 0));
        Assert.Equal("The time zone \"Mars/Olympus\" of asset \"A\" is not known on this machine.", error.Message);
    }

    private static AssetTable Table(string json) =>
        new(OracleModel.Manifest, new PointTable(OracleModel.Manifest), AssetMasterDataReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json))));
}
