using Fulfilment.Shipping;
using Fulfilment.Storage;

namespace Fulfilment.IntegrationTests.Storage;

public class RoutingRuleStoreTests
{
    [Fact]
    public async Task A_set_is_found_by_its_trading_name_in_any_case_and_replaced_whole()
    {
        await using var storage = await StorageTestContext.SharedAsync();
        var store = storage.Get<IRoutingRuleStore>();
        var name = StorageTestContext.Unique("Demo Goods/India");
        var target = new ShippingTarget { Carrier = "Ekart", CarrierAccountId = "ekart-in", ServiceCode = "REGULAR", PackageFormat = "SMALL" };
        await store.SaveAsync(new RoutingRuleSet
        {
            TradingName = name,
            Rules = [new RoutingRule { Name = "India", When = new RoutingConditions { DestinationCountries = ["IN"], MaxWeightGrams = 5000 }, Use = target }],
        }, default);

        var found = await store.FindAsync("  " + name.ToUpperInvariant(), default);
        Assert.Equal(name, found!.TradingName);
        Assert.Equal(["IN"], found.Rules.Single().When.DestinationCountries);
        Assert.Equal(5000, found.Rules.Single().When.MaxWeightGrams);

        await store.SaveAsync(found with { Rules = [], Default = target }, default);
        var replaced = await store.FindAsync(name, default);
        Assert.Empty(replaced!.Rules);
        Assert.Equal(target, replaced.Default);

        Assert.True(await store.DeleteAsync(name, default));
        Assert.Null(await store.FindAsync(name, default));
    }
}
