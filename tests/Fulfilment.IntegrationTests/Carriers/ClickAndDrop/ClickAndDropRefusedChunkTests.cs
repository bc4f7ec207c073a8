using Xunit;
using static Fulfilment.IntegrationTests.Carriers.ClickAndDrop.ClickAndDropPlans;

namespace Fulfilment.IntegrationTests.Carriers.ClickAndDrop;

/// <summary>
/// A batch goes in chunks; when Click &amp; Drop refuses one chunk as a whole (400 ErrorResponse), the chunks it created
/// stand, the refused chunk's orders are tried one at a time, and only the bad one comes back rejected — never a
/// Rejected failure that would make the pipeline send the created orders again.
/// </summary>
public class ClickAndDropRefusedChunkTests
{
    private static readonly Dictionary<string, string?> ChunksOfTwo = new() { ["ClickAndDrop:MaxOrdersPerRequest"] = "2" };

    [Fact]
    public async Task Last_chunk_refused_as_a_whole_after_the_first_was_created_rejects_only_its_order()
    {
        await using var h = await ClickAndDropHarness.StartAsync(ChunksOfTwo);
        var account = h.NewAccount();
        h.Simulator.RefuseRequestsContaining(account.Id, "FF-3-bad", "The request could not be read: items[0].recipient.");

        var result = await h.Carrier.CreateShipmentsAsync(account, Requests([Uk("FF-1-ok"), Uk("FF-2-ok"), Uk("FF-3-bad")]), default);

        Assert.Equal(["FF-1-ok", "FF-2-ok"], result.Created.Select(c => c.Reference).Order());
        var rejected = Assert.Single(result.Rejected);
        Assert.Equal("FF-3-bad", rejected.Reference);
        Assert.Contains("The request could not be read: items[0].recipient.", rejected.Reason);
        var orders = h.Simulator.Orders(account.Id);
        Assert.Equal(["FF-1-ok", "FF-2-ok"], orders.Select(o => o.OrderReference).Order());
        Assert.Equal(2, h.Simulator.CreateRequestCount(account.Id));
    }

    [Fact]
    public async Task Refused_chunk_is_sent_again_one_order_at_a_time_so_its_good_orders_are_created_once()
    {
        await using var h = await ClickAndDropHarness.StartAsync(ChunksOfTwo);
        var account = h.NewAccount();
        h.Simulator.RefuseRequestsContaining(account.Id, "FF-3-bad", "Item cannot be bound.");

        var result = await h.Carrier.CreateShipmentsAsync(account, Requests([Uk("FF-1-ok"), Uk("FF-2-ok"), Uk("FF-3-bad"), Uk("FF-4-ok")]), default);

        Assert.Equal(["FF-1-ok", "FF-2-ok", "FF-4-ok"], result.Created.Select(c => c.Reference).Order());
        Assert.Equal("FF-3-bad", Assert.Single(result.Rejected).Reference);
        var orders = h.Simulator.Orders(account.Id);
        Assert.Equal(["FF-1-ok", "FF-2-ok", "FF-4-ok"], orders.Select(o => o.OrderReference).Order());
        Assert.Equal(result.Created.Select(c => c.CarrierShipmentId).Order(), orders.Select(o => o.OrderIdentifier.ToString()).Order());
        Assert.Equal(4, h.Simulator.CreateRequestCount(account.Id)); // two chunks, then the refused chunk's two orders alone
    }

    [Fact]
    public async Task Single_order_refused_as_a_whole_is_rejected_with_click_and_drops_reason_not_thrown()
    {
        await using var h = await ClickAndDropHarness.StartAsync();
        var account = h.NewAccount();
        h.Simulator.RefuseRequestsContaining(account.Id, "FF-1-bad", "Nope.");

        var result = await h.Carrier.CreateShipmentsAsync(account, Requests([Uk("FF-1-bad")]), default);

        Assert.Empty(result.Created);
        Assert.Contains("Nope.", Assert.Single(result.Rejected).Reason);
        Assert.Empty(h.Simulator.Orders(account.Id));
    }
}
