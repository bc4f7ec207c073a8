using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Fulfilment.Channels.BigCommerce.Dtos;

namespace Fulfilment.Tests.Channels.BigCommerce;

/// <summary>Loads recorded-shape BigCommerce payloads from Fixtures/BigCommerce (a missing file stands for a 204), read as the client reads them.</summary>
internal static class BigCommerceFixtures
{
    private static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "BigCommerce", name);

    public static (BcOrder Order, List<BcOrderProduct> Products, List<BcShippingAddress> Addresses) Order(long id) =>
        (Read($"order-{id}.json", BigCommerceJson.Default.BcOrder)!,
         Read($"order-{id}-products.json", BigCommerceJson.Default.ListBcOrderProduct) ?? [],
         Read($"order-{id}-shipping_addresses.json", BigCommerceJson.Default.ListBcShippingAddress) ?? []);

    private static T? Read<T>(string name, JsonTypeInfo<T> json)
    {
        var path = PathOf(name);
        return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllText(path), json) : default;
    }
}
