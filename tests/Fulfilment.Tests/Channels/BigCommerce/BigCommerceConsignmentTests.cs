using System.Text.Json;
using Fulfilment.Channels.BigCommerce;
using Fulfilment.Channels.BigCommerce.Dtos;
using Xunit;

namespace Fulfilment.Tests.Channels.BigCommerce;

/// <summary>
/// Orders listed with <c>include=consignments.line_items&amp;consignment_structure=object</c> carry their lines and
/// shipping addresses; anything that may not be the whole order is read the old way instead (null).
/// </summary>
public class BigCommerceConsignmentTests
{
    private const string Line = """{"id":%ID%,"order_id":118,"product_id":77,"order_address_id":27,"name":"Mug","sku":"%SKU%","type":"%TYPE%","quantity":%QTY%,"quantity_shipped":0,"price_inc_tax":"12.0000","weight":"350.0000"}""";

    private static string LineJson(long id, string sku, int quantity, string type = "physical") =>
        Line.Replace("%ID%", id.ToString()).Replace("%SKU%", sku).Replace("%QTY%", quantity.ToString()).Replace("%TYPE%", type);

    private static BcOrder Order(int itemsTotal, string consignments) => JsonSerializer.Deserialize($$"""
        {"id":118,"date_created":"Tue, 17 Nov 2026 09:14:03 +0000","date_modified":"Wed, 18 Nov 2026 16:02:45 +0000","status_id":9,
         "status":"Awaiting Shipment","subtotal_inc_tax":"42.0000","shipping_cost_inc_tax":"3.9900","total_inc_tax":"45.9900",
         "currency_code":"GBP","items_total":{{itemsTotal}},"items_shipped":0,"order_is_digital":false,
         "consignments":{{consignments}}}
        """, BigCommerceJson.Default.BcOrder)!;

    private static string Shipping(params string[] lines) => $$"""
        {"first_name":"George","last_name":"Murphy","street_1":"102 Dalry Road","city":"Edinburgh","zip":"EH11 2DW","country":"United Kingdom",
         "country_iso2":"GB","id":27,"items_total":3,"items_shipped":0,"shipping_method":"Royal Mail Tracked 24","line_items":[{{string.Join(",", lines)}}]}
        """;

    [Fact]
    public void Shipping_and_download_lines_become_the_orders_lines_in_id_order_and_each_shipping_consignment_an_address()
    {
        var order = Order(4, $$"""
            {"pickups":[],"shipping":[{{Shipping(LineJson(502, "MUG-BLUE", 2), LineJson(500, "MUG-RED", 1))}}],
             "downloads":[{"recipient_email":"g@example.com","line_items":[{{LineJson(501, "EBOOK", 1, "digital")}}]}],"email":{"gift_certificates":[]} }
            """);

        var (products, addresses) = BigCommerceMapper.FromConsignments(order)!.Value;

        Assert.Equal([500L, 501L, 502L], products.Select(p => p.Id));
        var address = Assert.Single(addresses);
        Assert.Equal(27, address.Id);
        Assert.Equal("Royal Mail Tracked 24", address.ShippingMethod);
        Assert.Equal("EH11 2DW", address.Zip);
        var mapped = BigCommerceMapper.ToChannelOrder(order, products, addresses);
        Assert.Equal([true, false, true], mapped.Lines.Select(l => l.IsPhysical));
        Assert.Equal("George Murphy", mapped.ShippingAddress!.FullName);
    }

    public static TheoryData<string, int, string> NotTheWholeOrder => new()
    {
        { "a link (consignments not included)", 1, """{"url":"https://api.bigcommerce.com/stores/abc/v2/orders/118/consignments","resource":"/orders/118/consignments"}""" },
        { "lines as links (consignments without line_items)", 1, $$"""{"shipping":[{{"{\"id\":27,\"line_items\":[{\"url\":\"https://x/products\",\"resource\":\"/orders/118/products\"}]}"}}]}""" },
        { "a pickup", 1, $$"""{"pickups":[{"id":3,"line_items":[{{LineJson(503, "MUG-BLUE", 1)}}]}],"shipping":[]}""" },
        { "fewer items than the order has", 5, $$"""{"shipping":[{{Shipping(LineJson(500, "MUG-RED", 1))}}]}""" },
        { "no line_items at all", 0, """{"shipping":[{"id":27}]}""" },
    };

    [Theory]
    [MemberData(nameof(NotTheWholeOrder))]
    public void Consignments_that_may_not_be_the_whole_order_are_not_used(string why, int itemsTotal, string consignments)
    {
        Assert.True(BigCommerceMapper.FromConsignments(Order(itemsTotal, consignments)) is null, why);
    }
}
