using Dsl.Runtime.Hosting;
using Dsl.Runtime.Records;
using Dsl.Runtime.Tests.HandWrittenJobs;
using Dsl.Runtime.Tests.Oracles;
using Dsl.Runtime.Tests.Support;

namespace Dsl.Runtime.Tests.Compiled;

/// <summary>
/// Runs a compiled job on the oracle tests' records, as <see cref="JobHarness"/> runs the hand-written
/// ones: points are translated by name between <see cref="OracleModel"/>'s slots (which the records
/// and the oracles use) and the compiled job's own slots. Records of points the compiled job does not
/// read are skipped, as the runtime would ignore them.
/// </summary>
public static class CompiledHarness
{
    public static List<Emitted> Run(string source, IEnumerable<TestRecord> records)
    {
        using var loaded = LoadedJob.Load(CompiledOracleJobs.Image(source), "oracle");
        var sink = new CollectingSink();
        var session = new JobSession(loaded.Job, sink, new JobSessionOptions(Assets: OracleAssets.MasterData));
        foreach (TestRecord record in records)
        {
            string pointId = OracleModel.Manifest.Points[record.Point].PointId;
            if (!session.Points.TryGetPoint(OracleModel.Model, pointId, out int slot))
            {
                continue;
            }

            int asset = session.Assets.GetOrAdd(record.Asset, session.Points.ModelOf(slot));
            session.Process(new InputRecord(asset, slot, record.Time, record.Value, null, 0, session.Points.IsValid(slot, record.Value)));
        }

        session.Complete();
        var oracleSlots = OracleModel.Manifest.Points.Select((p, slot) => (p.PointId, slot)).ToDictionary(x => x.PointId, x => x.slot, StringComparer.Ordinal);
        return
        [
            .. sink.Records.Select(r =>
            {
                string pointId = session.Points[r.Point].PointId;
                return new Emitted(session.Assets.Id(r.Asset), oracleSlots[pointId], pointId, r.Time, r.Value, r.Text, r.Mode);
            }),
        ];
    }
}
