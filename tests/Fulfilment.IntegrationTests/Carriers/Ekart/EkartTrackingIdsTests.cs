using Fulfilment.Carriers.Ekart;
using Fulfilment.IntegrationTests.Storage;
using Fulfilment.Storage;

namespace Fulfilment.IntegrationTests.Carriers.Ekart;

/// <summary>Tracking-id allocation on Azurite: one id per order for good, never one id for two orders.</summary>
public class EkartTrackingIdsTests
{
    private static EkartAccountSettings Account(string merchant, long from = 1, long to = EkartAccount.MaxTrackingNumber) =>
        new(merchant, new EkartPickup("LOC", null), null, null, from, to);

    private static string Merchant() => "T" + Guid.NewGuid().ToString("N")[..2].ToUpperInvariant();

    [Fact]
    public async Task An_order_gets_the_same_tracking_id_every_time()
    {
        await using var storage = await StorageTestContext.SharedAsync();
        var ids = new EkartTrackingIds(storage.Get<IIdentifierStore>());
        var account = Account(Merchant(), from: Random.Shared.NextInt64(1, 9_000_000_000));
        var reference = StorageTestContext.Unique("FF");

        var first = await ids.AllocateAsync(account, reference, cashOnDelivery: false, default);
        var again = await ids.AllocateAsync(account, reference, cashOnDelivery: false, default);

        Assert.Equal(first, again);
        Assert.Equal([first!], await ids.FindAsync(account.MerchantCode, reference, default));
        Assert.StartsWith(account.MerchantCode + "P", first);
    }

    [Fact]
    public async Task Orders_allocating_at_once_from_many_instances_never_share_an_id()
    {
        await using var storage = await StorageTestContext.SharedAsync();
        var account = Account(Merchant(), from: Random.Shared.NextInt64(1, 9_000_000_000));
        var references = Enumerable.Range(0, 30).Select(_ => StorageTestContext.Unique("FF")).ToList();

        // Each reference twice, from "different instances" (separate allocators over the same table).
        var allocations = await Task.WhenAll(references.Concat(references).Select(r =>
            new EkartTrackingIds(storage.Get<IIdentifierStore>()).AllocateAsync(account, r, cashOnDelivery: true, default)));

        var byReference = references.Concat(references).Zip(allocations).GroupBy(p => p.First).ToList();
        Assert.All(byReference, g => Assert.Single(g.Select(p => p.Second).Distinct()));
        Assert.Equal(references.Count, allocations.Distinct().Count());
        Assert.All(allocations, id => Assert.Matches($"^{account.MerchantCode}C[0-9]{{10}}$", id));
    }

    [Fact]
    public async Task A_used_up_block_gives_no_more_ids()
    {
        await using var storage = await StorageTestContext.SharedAsync();
        var ids = new EkartTrackingIds(storage.Get<IIdentifierStore>());
        var start = Random.Shared.NextInt64(1, 9_000_000_000);
        var account = Account(Merchant(), from: start, to: start + 1);

        Assert.NotNull(await ids.AllocateAsync(account, StorageTestContext.Unique("a"), false, default));
        Assert.NotNull(await ids.AllocateAsync(account, StorageTestContext.Unique("b"), false, default));
        Assert.Null(await ids.AllocateAsync(account, StorageTestContext.Unique("c"), false, default));
    }
}
