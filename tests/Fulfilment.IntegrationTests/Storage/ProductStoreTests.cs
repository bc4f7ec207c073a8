using Fulfilment.Catalogue;
using Fulfilment.Storage;
using Xunit;

namespace Fulfilment.IntegrationTests.Storage;

/// <summary>The catalogue against Azurite.</summary>
public sealed class ProductStoreTests
{
    [Fact]
    public async Task Upserting_250_skus_stores_them_all_and_get_many_returns_only_existing_ones()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var store = ctx.Get<IProductStore>();
        var prefix = StorageTestContext.Unique("BULK");
        var products = Enumerable.Range(0, 250)
            .Select(i => new Product { Sku = $"{prefix}-{i:D3}", Name = $"Item {i}", WeightGrams = 100 + i, Price = 9.99m + i, TariffCode = "3406000000" })
            .ToList();

        await store.UpsertManyAsync(products, default);
        var wanted = products.Select(p => p.Sku).Append(prefix + "-missing").ToList();
        var found = await store.GetManyAsync(wanted, default);

        Assert.Equal(250, found.Count);
        Assert.DoesNotContain(prefix + "-missing", found.Keys);
        Assert.All(products, p => Assert.Equal(p, found[p.Sku]));
        Assert.Equal(250, await store.ListAsync(default).CountAsync(p => p.Sku.StartsWith(prefix, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Upsert_replaces_an_existing_product_and_a_duplicate_sku_in_one_call_keeps_the_last()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var store = ctx.Get<IProductStore>();
        var sku = StorageTestContext.Unique("CANDLE");
        await store.UpsertManyAsync([new Product { Sku = sku, WeightGrams = 1, Price = 1m }], default);

        await store.UpsertManyAsync([new Product { Sku = sku, WeightGrams = 2 }, new Product { Sku = sku, WeightGrams = 410, OriginCountryCode = "GB" }], default);

        var stored = await store.GetAsync(sku, default);
        Assert.Equal(new Product { Sku = sku, WeightGrams = 410, OriginCountryCode = "GB" }, stored);
    }

    [Fact]
    public async Task Delete_reports_whether_the_product_existed()
    {
        await using var ctx = await StorageTestContext.SharedAsync();
        var store = ctx.Get<IProductStore>();
        var sku = StorageTestContext.Unique("POSTER");
        await store.UpsertManyAsync([new Product { Sku = sku, WeightGrams = 220 }], default);

        Assert.True(await store.DeleteAsync(sku, default));
        Assert.False(await store.DeleteAsync(sku, default));
        Assert.Null(await store.GetAsync(sku, default));
    }
}
