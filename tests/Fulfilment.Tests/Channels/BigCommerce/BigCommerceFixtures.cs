using System.Text.Json;
using Fulfilment.Channels.BigCommerce.Dtos;

namespace Fulfilment.Tests.Channels.BigCommerce;

/// <summary>Loads recorded-shape BigCommerce payloads from Fixtures/BigCommerce (a missing file stands for a 204).</summary>
internal static class BigCommerceFixtures
{
    private static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "BigCommerce", name);

    public static (BcOrder Order, List<BcOrderProduct> Products, List<BcShippingAddress> Addresses) Order(long id) =>
        (Read<BcOrder>($"order-{id}.json")!, Read<List<BcOrderProduct>>($"order-{id}-products.json") ?? [], Read<List<BcShippingAddress>>($"order-{id}-shipping_addresses.json") ?? []);

    private static T? Read<T>(string name)
    {
        var path = PathOf(name);
        return File.Exists(path) ? JsonSerializer.Deserialize<T>(File.ReadAllText(path), BigCommerceJson.Options) : default;
    }
}
