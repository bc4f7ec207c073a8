using Xunit;
using static Fulfilment.IntegrationTests.Carriers.ClickAndDrop.ClickAndDropPlans;

namespace Fulfilment.IntegrationTests.Carriers.ClickAndDrop;

/// <summary>
/// Click &amp; Drop lets several orders share one orderReference (a merchant's own order, another integration, an earlier
/// attempt of ours). Lookups return every one of them; choosing between them is the pipeline's call, not the carrier's.
/// </summary>
public class ClickAndDropDuplicateReferenceTests
{
    [Fact]
    public async Task Lookup_by_reference_returns_every_order_holding_it()
    {
        await using var h = await ClickAndDropHarness.StartAsync();
        var account = h.NewAccount();
        var ours = Assert.Single((await h.Carrier.CreateShipmentsAsync(account, Requests([Uk("FF-1-dup")]), default)).Created);
        var theirs = h.Simulator.SeedOrder(account.Id, "FF-1-dup");
        await h.Carrier.CreateShipmentsAsync(account, Requests([Uk("FF-2-single")]), default);

        var found = await h.Carrier.FindByReferenceAsync(account, ["FF-1-dup", "FF-2-single", "FF-1-dup"], default);

        var duplicates = found.Where(f => f.Reference == "FF-1-dup").Select(f => f.CarrierShipmentId).Order().ToList();
        Assert.Equal([ours.CarrierShipmentId, theirs.OrderIdentifier.ToString()], duplicates);
        Assert.Single(found, f => f.Reference == "FF-2-single");
        Assert.Equal(3, found.Count);
    }

    [Fact]
    public async Task Status_of_two_orders_sharing_a_reference_is_reported_for_each()
    {
        await using var h = await ClickAndDropHarness.StartAsync();
        var account = h.NewAccount();
        var first = h.Simulator.SeedOrder(account.Id, "FF-1-dup");
        var second = h.Simulator.SeedOrder(account.Id, "FF-1-dup");
        h.Simulator.ApplyPostage(second.OrderIdentifier);

        var statuses = await h.Carrier.GetStatusAsync(account, [first.OrderIdentifier.ToString(), second.OrderIdentifier.ToString()], default);

        Assert.Equal(2, statuses.Count);
        Assert.Null(statuses.Single(s => s.CarrierShipmentId == first.OrderIdentifier.ToString()).TrackingNumber);
        Assert.NotNull(statuses.Single(s => s.CarrierShipmentId == second.OrderIdentifier.ToString()).TrackingNumber);
    }
}
