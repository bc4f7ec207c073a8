using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Fulfilment.IntegrationTests.EndToEnd;

/// <summary>A carrier sync hands despatched orders to their channels before it downloads labels (one call per order at 5/s).</summary>
public class DespatchBeforeLabelsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_despatch_a_sync_finds_is_recorded_before_its_labels_are_downloaded()
    {
        // Labels downloaded one per order, as for orders whose label did not come with the create.
        await using var scenario = await PipelineScenario.StartAsync(output, new Dictionary<string, string?> { ["ClickAndDrop__LabelInCreateResponse"] = "false" });
        await scenario.RunAsync("PollChannels");
        await scenario.RunAsync("CreateShipments");
        scenario.ClickAndDrop.DespatchAll(PipelineScenario.Account);

        await scenario.RunAsync("SyncCarrierStatus");

        var labelRequests = scenario.ClickAndDrop.RequestLog(PipelineScenario.Account)
            .Where(r => r.RawTarget.Contains("/label", StringComparison.Ordinal)).ToList();
        Assert.Equal(scenario.Eligible.Count(), labelRequests.Count); // every label is still stored, once
        var firstLabelAt = labelRequests.Min(r => r.At);
        foreach (var id in scenario.Eligible)
        {
            var timeline = JsonNode.Parse(await scenario.Stack.Admin.GetStringAsync($"manage/orders/{PipelineScenario.ConnectionId}/{id}/timeline"))!;
            var despatchedAt = timeline["timeline"]!.AsArray()
                .Single(e => e!["kind"]!.GetValue<string>() == "State" && e["to"]!.GetValue<string>() == "Despatched")!["at"]!.GetValue<DateTimeOffset>();
            Assert.True(despatchedAt <= firstLabelAt, $"Order {id} was despatched at {despatchedAt:O}, after the first label download at {firstLabelAt:O}.");
            Assert.Equal("WrittenBack", (await scenario.OrdersByIdAsync())[id].State);
        }
    }
}
