using System.Text.Json;
using Fulfilment.Channels.BigCommerce.Dtos;
using Xunit;

namespace Fulfilment.Tests.Channels.BigCommerce;

/// <summary>The source-generated BigCommerce JSON options read and write the wire format as the reflection options did.</summary>
public class BigCommerceJsonTests
{
    [Fact]
    public void Money_and_weights_arrive_as_strings_numbers_or_booleans_and_ids_as_numbers_or_strings()
    {
        var product = JsonSerializer.Deserialize("""
            [{"id": "301", "order_address_id": 27, "price_inc_tax": 12.5, "weight": true, "sku": null, "product_options": [{"x": 1}], "name": {"nested": 1}}]
            """, BigCommerceJson.Default.ListBcOrderProduct)![0];

        Assert.Equal(301, product.Id);
        Assert.Equal("12.5", product.PriceIncTax);
        Assert.Equal("true", product.Weight);
        Assert.Null(product.Sku);
        Assert.Null(product.Name);
    }

    [Fact]
    public void Names_are_snake_case_and_street_lines_keep_their_underscore()
    {
        var address = JsonSerializer.Deserialize("""[{"id": 27, "street_1": "102 Dalry Road", "street_2": "Flat 2F1", "country_iso2": "GB", "shipping_method": "Royal Mail Tracked 24"}]""",
            BigCommerceJson.Default.ListBcShippingAddress)![0];

        Assert.Equal("102 Dalry Road", address.Street1);
        Assert.Equal("Flat 2F1", address.Street2);
        Assert.Equal("GB", address.CountryIso2);
        Assert.Equal("Royal Mail Tracked 24", address.ShippingMethod);
    }

    [Fact]
    public void A_shipment_is_written_in_snake_case_without_nulls()
    {
        var json = JsonSerializer.Serialize(new BcCreateShipmentRequest
        {
            OrderAddressId = 27,
            Items = [new BcShipmentItem { OrderProductId = 301, Quantity = 2 }],
            TrackingNumber = "AB123456789GB",
            ShippingProvider = "royalmail",
        }, BigCommerceJson.Default.BcCreateShipmentRequest);

        Assert.Equal("""{"order_address_id":27,"items":[{"order_product_id":301,"quantity":2}],"tracking_number":"AB123456789GB","shipping_provider":"royalmail","tracking_carrier":""}""", json);
    }

    [Fact]
    public void The_token_exchange_is_written_with_the_login_services_field_names()
    {
        var json = JsonSerializer.Serialize(new BcTokenRequest
        {
            ClientId = "id", ClientSecret = "secret", Code = "c0de", Context = "stores/abc", Scope = "store_v2_orders", RedirectUri = "https://x/auth",
        }, BigCommerceJson.Default.BcTokenRequest);

        Assert.Equal("""{"client_id":"id","client_secret":"secret","code":"c0de","context":"stores/abc","scope":"store_v2_orders","grant_type":"authorization_code","redirect_uri":"https://x/auth"}""", json);
    }
}
