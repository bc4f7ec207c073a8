using Fulfilment.Catalogue;
using Fulfilment.Channels;
using Fulfilment.Listings;

namespace Fulfilment.Tests.Listings;

public class ListingSyncPlanTests
{
    private static readonly Listing Linked = new() { ConnectionId = "ecomdash-a", Sku = "MUG", Status = ListingStatus.Linked, ChannelProductId = "40001", ChannelSku = "MUG-RED" };

    private static Product P(int? quantity = 5, decimal? price = 8.5m, Dictionary<string, int>? warehouses = null) =>
        new() { Sku = "MUG", WeightGrams = 350, QuantityOnHand = warehouses?.Values.Sum() ?? quantity, Price = price, WarehouseQuantities = warehouses };

    [Fact]
    public void A_listing_never_pushed_sends_its_total_and_price()
    {
        var update = ListingSyncPlan.Update(Linked, P(), full: false)!;

        Assert.Equal(("MUG", "40001", "MUG-RED", 8.5m), (update.Sku, update.ChannelProductId, update.ChannelSku, update.Price));
        Assert.Equal([new WarehouseQuantity(null, 5)], update.Quantities);
    }

    [Fact]
    public void Nothing_is_sent_when_nothing_changed_since_it_was_applied()
    {
        var synced = Linked with { SyncedQuantities = "=5", SyncedPrice = "8.5" };

        Assert.Null(ListingSyncPlan.Update(synced, P(price: 8.50m), full: false));
    }

    [Fact]
    public void Only_the_part_that_changed_is_sent()
    {
        var synced = Linked with { SyncedQuantities = "=5", SyncedPrice = "8.5" };

        var update = ListingSyncPlan.Update(synced, P(quantity: 4), full: false)!;

        Assert.NotNull(update.Quantities);
        Assert.Null(update.Price);
    }

    [Fact]
    public void A_full_sync_or_an_earlier_failure_sends_everything_again()
    {
        var synced = Linked with { SyncedQuantities = "=5", SyncedPrice = "8.5" };

        Assert.NotNull(ListingSyncPlan.Update(synced, P(), full: true));
        var retried = ListingSyncPlan.Update(synced with { SyncProblem = "Ecomdash: Index 0: No active products" }, P(), full: false)!;
        Assert.NotNull(retried.Quantities);
        Assert.NotNull(retried.Price);
    }

    [Fact]
    public void Stock_is_sent_per_warehouse_and_a_warehouse_no_longer_stocked_is_set_to_zero()
    {
        var synced = Linked with { SyncedQuantities = "LEEDS=2;MAIN=5;OLD=3", SyncedPrice = "8.5" };

        var update = ListingSyncPlan.Update(synced, P(warehouses: new(StringComparer.OrdinalIgnoreCase) { ["MAIN"] = 6, ["LEEDS"] = 2 }), full: false)!;

        Assert.Equal([new WarehouseQuantity("LEEDS", 2), new WarehouseQuantity("MAIN", 6), new WarehouseQuantity("OLD", 0)], update.Quantities);
    }

    [Fact]
    public void Only_the_parts_applied_become_the_last_applied_and_problems_are_kept_in_words()
    {
        var product = P(quantity: 4, price: 9m);
        var update = ListingSyncPlan.Update(Linked, product, full: false)!;

        var outcome = ListingSyncPlan.Outcome(update, product, new ListingUpdateResult("MUG", null, "Ecomdash refused updateProduct: Name is required."));

        Assert.Equal("=4", outcome.SyncedQuantities);
        Assert.Null(outcome.SyncedPrice);
        Assert.Equal("Ecomdash refused updateProduct: Name is required.", outcome.Problem);
    }

    [Fact]
    public void A_listing_not_linked_is_never_sent() =>
        Assert.Null(ListingSyncPlan.Update(Linked with { Status = ListingStatus.Unmatched, ChannelProductId = null, ChannelSku = null }, P(), full: true));
}
