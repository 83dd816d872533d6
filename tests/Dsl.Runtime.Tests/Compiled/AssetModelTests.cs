using System.Text;
using Dsl.Runtime.Assets;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Tests.Support;

namespace Dsl.Runtime.Tests.Compiled;

/// <summary>
/// An asset has one model, and its master data values have the declared types: a record of another
/// model, or a value of another type, would otherwise read attributes by the wrong slot or as 0.
/// </summary>
public sealed class AssetModelTests
{
    private const string Source = """
        job two_models
        settings { channel offline  timezone "UTC" }
        model Turbine { ai ActivePower: double kW  attribute RatedPower: double = 3000 kW  ai Load }
        model Pump    { ai Flow: double  attribute Head: double = 7  attribute Stages: int = 1  ai FlowN }
        merge Turbine on ActivePower { Load = ActivePower / RatedPower }
        merge Pump on Flow { FlowN = Flow / Head * Stages }
        """;

    [Fact]
    public void A_record_of_another_model_than_the_assets_is_an_error_and_the_others_are_processed()
    {
        const string input = """
            {"assetId":"C","modelId":"Turbine","pointId":"ActivePower","time":1767261600000,"value":1500}
            {"assetId":"A","modelId":"Turbine","pointId":"ActivePower","time":1767261600000,"value":1500}
            {"assetId":"A","modelId":"Pump","pointId":"Flow","time":1767261600000,"value":14}
            {"assetId":"C","modelId":"Pump","pointId":"Flow","time":1767261600000,"value":15}

            """;
        var (outputs, counters, log) = Run(input, """[{"assetId":"C","modelId":"Pump","attributes":{"Head":5}}]""");

        // C is a pump by its master data, A a turbine by its first record; nothing reads the other model's attributes.
        Assert.Equal(["A Load 0.5", "C FlowN 3"], outputs);
        Assert.Equal(2, counters[RecordError.ModelMismatch]);
        Assert.Contains("line 1: model_mismatch: asset \"C\" has the model \"Pump\" of its master data, not \"Turbine\"", log);
        Assert.Contains("line 3: model_mismatch: asset \"A\" has the model \"Turbine\" of its first record, not \"Pump\"", log);
    }

    [Fact]
    public void An_asset_whose_master_data_names_a_model_the_job_does_not_declare_has_none_of_its_records_read()
    {
        const string input = """
            {"assetId":"E","modelId":"Turbine","pointId":"ActivePower","time":1767261600000,"value":1500}
            {"assetId":"E","modelId":"Pump","pointId":"Flow","time":1767261600000,"value":14}
            {"assetId":"A","modelId":"Turbine","pointId":"ActivePower","time":1767261600000,"value":1500}

            """;
        var (outputs, counters, log) = Run(input, """[{"assetId":"E","modelId":"Compressor","timezone":"Asia/Tokyo","attributes":{}}]""");

        // E is a compressor by its master data: a record calling it a turbine or a pump contradicts it.
        Assert.Equal(["A Load 0.5"], outputs);
        Assert.Equal(2, counters[RecordError.ModelMismatch]);
        Assert.Contains("line 1: model_mismatch: asset \"E\" has the model \"Compressor\" of its master data, which the job does not declare, not \"Turbine\"", log);
    }

    [Theory]
    [InlineData("""{"Head":"5"}""", "attribute \"Head\" of asset \"C\" is declared double, but the file gives the string \"5\"")]
    [InlineData("""{"Head":true}""", "attribute \"Head\" of asset \"C\" is declared double, but the file gives the bool true")]
    [InlineData("""{"Stages":1.5}""", "attribute \"Stages\" of asset \"C\" is declared int, but the file gives the number 1.5")]
    [InlineData("""{"Stages":3000000000}""", "attribute \"Stages\" of asset \"C\" is declared int, but the file gives the number 3000000000, beyond an int's range")]
    [InlineData("""{"head":5}""", "attribute \"head\" of asset \"C\" is not declared; the job declares \"Head\", which names are told apart by case")]
    public void A_master_data_value_of_another_type_than_declared_refuses_the_file(string attributes, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => Run(string.Empty, $$"""[{"assetId":"C","modelId":"Pump","attributes":{{attributes}}}]"""));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Numbers_suit_double_and_int_attributes_and_an_asset_without_a_model_is_checked_against_the_models_declaring_the_name()
    {
        const string input = """
            {"assetId":"C","modelId":"Pump","pointId":"Flow","time":1767261600000,"value":12}

            """;
        var (outputs, _, _) = Run(input, """[{"assetId":"C","modelId":"Pump","attributes":{"Head":4,"Stages":2}},{"assetId":"D","attributes":{"RatedPower":2500.5}}]""");
        Assert.Equal(["C FlowN 6"], outputs);

        // A whole number written as a writer of floating-point values gives it is an int, as in a record.
        (outputs, _, _) = Run(input, """[{"assetId":"C","modelId":"Pump","attributes":{"Head":4,"Stages":2.0}}]""");
        Assert.Equal(["C FlowN 6"], outputs);
        (outputs, _, _) = Run(input, """[{"assetId":"C","modelId":"Pump","attributes":{"Head":4,"Stages":20e-1}}]""");
        Assert.Equal(["C FlowN 6"], outputs);

        // Given as declared too, an attribute in another case is another system's.
        (outputs, _, _) = Run(input, """[{"assetId":"C","modelId":"Pump","attributes":{"Head":4,"head":"other","Stages":2}}]""");
        Assert.Equal(["C FlowN 6"], outputs);

        var error = Assert.Throws<InvalidDataException>(() => Run(string.Empty, """[{"assetId":"D","attributes":{"RatedPower":"big"}}]"""));
        Assert.Contains("attribute \"RatedPower\" of asset \"D\" is declared double, but the file gives the string \"big\"", error.Message);
    }

    private static (List<string> Outputs, RunCounters Counters, string Log) Run(string input, string masterData)
    {
        IReadOnlyList<AssetMasterData> assets = AssetMasterDataReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(masterData)));
        using LoadedJob job = LoadedJob.Load(CompiledOracleJobs.Image(Source), "two_models");
        var sink = new CollectingSink();
        var log = new StringWriter { NewLine = "\n" };
        var session = new JobSession(job.Job, sink, new JobSessionOptions(assets, ErrorLog: log));
        session.ProcessInput(new MemoryStream(Encoding.UTF8.GetBytes(input)));
        session.Complete();
        List<string> outputs = [.. sink.Records.Select(r => $"{session.Assets.Id(r.Asset)} {session.Points[r.Point].PointId} {r.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}")];
        return (outputs, session.Counters, log.ToString());
    }
}
