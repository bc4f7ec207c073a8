using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Fulfilment.IntegrationTests.EndToEnd;

/// <summary>
/// Labels through the real host: they come with the created orders, so none is downloaded; an order whose label came
/// back as labelErrors is downloaded once Click &amp; Drop has one, and the despatches that owe no label do not wait for it.
/// </summary>
public class LabelsEndToEndTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Labels_come_with_the_created_orders_and_a_labelErrors_order_is_downloaded_without_holding_up_the_other_despatches()
    {
        await using var scenario = await PipelineScenario.StartAsync(output);
        var unlucky = scenario.Orders["uk"];
        scenario.ClickAndDrop.LabelErrorsFor(PipelineScenario.Account, scenario.ReferenceOf(unlucky));
        await scenario.RunAsync("PollChannels");
        await scenario.RunAsync("CreateShipments");
        scenario.ClickAndDrop.DespatchAll(PipelineScenario.Account);

        await scenario.RunAsync("SyncCarrierStatus");

        var stats = scenario.ClickAndDrop.Stats(PipelineScenario.Account);
        Assert.Equal((scenario.Eligible.Count() - 1, 1), (stats.LabelsInCreateResponses, stats.LabelRequests));
        var download = Assert.Single(scenario.ClickAndDrop.RequestLog(PipelineScenario.Account), r => r.RawTarget.Contains("/label", StringComparison.Ordinal));
        var orders = await scenario.OrdersByIdAsync();
        foreach (var id in scenario.Eligible)
        {
            Assert.Equal("WrittenBack", orders[id].State);
            var timeline = JsonNode.Parse(await scenario.Stack.Admin.GetStringAsync($"manage/orders/{PipelineScenario.ConnectionId}/{id}/timeline"))!;
            var despatchedAt = timeline["timeline"]!.AsArray()
                .Single(e => e!["kind"]!.GetValue<string>() == "State" && e["to"]!.GetValue<string>() == "Despatched")!["at"]!.GetValue<DateTimeOffset>();
            if (id == unlucky)
                Assert.Contains(timeline["timeline"]!.AsArray(), e => e!["note"]?.GetValue<string>().Contains("LabelGenerationFailed", StringComparison.Ordinal) == true);
            if (id == unlucky)
                Assert.True(despatchedAt >= download.At, $"Order {id} was despatched at {despatchedAt:O}, before its label was downloaded at {download.At:O}.");
            else
                Assert.True(despatchedAt <= download.At, $"Order {id} was despatched at {despatchedAt:O}, after another order's label download at {download.At:O}.");
        }
    }
}
