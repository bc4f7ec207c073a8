using System.Text;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Fulfilment.Orders;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Fulfilment.IntegrationTests.Admin;

/// <summary>One private Azurite and one in-process host for the operator endpoints; tests isolate themselves by unique ids.</summary>
public sealed class AdminFixture : IAsyncLifetime
{
    public AzuriteInstance Azurite { get; private set; } = null!;
    public AdminTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteInstance.StartAsync();
        Host = await AdminTestHost.StartAsync(Azurite.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}

public class AdminFunctionsTests(AdminFixture fixture) : IClassFixture<AdminFixture>
{
    private AdminTestHost Host => fixture.Host;

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)].ToUpperInvariant();

    private static async Task<JsonNode> JsonAsync(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    [Fact]
    public async Task Products_posted_as_json_are_listed()
    {
        var sku = Unique("MUG");
        using var post = await Host.SendAsync(HttpMethod.Post, "manage/products",
            $$"""[{"sku":"{{sku}}","name":"Blue mug","weightGrams":350,"tariffCode":"6912001000","originCountryCode":"GB","price":8.5}]""");
        var answer = await JsonAsync(post);

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(1, answer["imported"]!.GetValue<int>());
        Assert.Empty(answer["rejected"]!.AsArray());

        var list = JsonNode.Parse(await Host.Client.GetStringAsync("manage/products"))!.AsArray();
        var product = list.Single(p => p!["sku"]!.GetValue<string>() == sku)!;
        Assert.Equal(350, product["weightGrams"]!.GetValue<int>());
        Assert.Equal("6912001000", product["tariffCode"]!.GetValue<string>());
        Assert.Equal(8.5m, product["price"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Csv_import_with_two_bad_rows_of_five_imports_three_and_answers_422_with_the_rows()
    {
        var p = Unique("CSV");
        var csv = "sku,name,weight_grams,height_mm,width_mm,depth_mm,customs_description,tariff_code,origin_country,quantity_on_hand,price\n" +
                  $"{p}-1,\"Mug, blue\",350,100,90,90,Ceramic mug,6912001000,GB,10,8.50\n" +
                  $"{p}-2,Tee,0,,,,,,,,\n" +
                  $"{p}-3,Poster,220,,,,,,,,\n" +
                  $"{p}-4,Candle,410,,,,Soy wax candle,34060000001,GB,,\n" +
                  $"{p}-5,Notebook,300,,,,,,,,\n";

        using var post = await Host.SendAsync(HttpMethod.Post, "manage/products", csv, "text/csv");
        var answer = await JsonAsync(post);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, post.StatusCode);
        Assert.Equal(3, answer["imported"]!.GetValue<int>());
        var rejected = answer["rejected"]!.AsArray();
        Assert.Equal([2, 4], rejected.Select(r => r!["row"]!.GetValue<int>()));
        Assert.Equal([$"{p}-2", $"{p}-4"], rejected.Select(r => r!["sku"]!.GetValue<string>()));
        Assert.StartsWith("weight_grams", rejected[0]!["errors"]![0]!.GetValue<string>());
        Assert.StartsWith("tariff_code", rejected[1]!["errors"]![0]!.GetValue<string>());

        var skus = JsonNode.Parse(await Host.Client.GetStringAsync("manage/products"))!.AsArray()
            .Select(x => x!["sku"]!.GetValue<string>()).Where(s => s.StartsWith(p, StringComparison.Ordinal)).Order();
        Assert.Equal([$"{p}-1", $"{p}-3", $"{p}-5"], skus);
    }

    [Fact]
    public async Task A_large_csv_is_read_from_the_request_stream_and_imported_in_full()
    {
        var p = Unique("BULK");
        var csv = new System.Text.StringBuilder("sku,name,weight_grams,customs_description\n");
        for (var i = 0; i < 3000; i++)
            csv.Append($"{p}-{i:D4},\"Product {i}, with a comma\",{1 + i % 2000},Printed paper goods\n");

        using var post = await Host.SendAsync(HttpMethod.Post, "manage/products", csv.ToString(), "text/csv");
        var answer = await JsonAsync(post);

        Assert.True(csv.Length > 128 * 1024, "the body must span several read buffers");
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(3000, answer["imported"]!.GetValue<int>());
        var stored = await Host.Services.GetRequiredService<IProductStore>().GetAsync($"{p}-2999", CancellationToken.None);
        Assert.Equal("Product 2999, with a comma", stored!.Name);
    }

    [Fact]
    public async Task A_csv_without_a_header_row_is_a_400_saying_what_header_is_expected()
    {
        using var post = await Host.SendAsync(HttpMethod.Post, "manage/products", "MUG-BLUE,Blue mug,350\n", "text/csv");
        var error = await JsonAsync(post);

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Contains("sku,name,weight_grams", error["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Json_that_is_not_utf8_is_a_400()
    {
        // Found by the fuzz run: a JSON element with invalid UTF-8 in a property name parsed, then threw when read (a 500).
        var bytes = Encoding.UTF8.GetBytes("[{\"sku\":\"MUG-1\",\"na").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("me\":\"Mug\"}]")).ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Post, "manage/products") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var post = await Host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Contains("UTF-8", (await JsonAsync(post))["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Products_in_another_content_type_are_a_415()
    {
        using var post = await Host.SendAsync(HttpMethod.Post, "manage/products", "sku=A", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, post.StatusCode);
        Assert.Contains("text/csv", (await JsonAsync(post))["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_carrier_account_key_never_appears_in_any_response()
    {
        var id = Unique("rm").ToLowerInvariant();
        const string apiKey = "ck_live_5f1d9c0e7a8b4c2d9e6f3a1b0c7d8e9f";

        using var create = await Host.SendAsync(HttpMethod.Put, $"manage/carrier-accounts/{id}",
            $$"""{"carrier":"ClickAndDrop","credentials":{"apiKey":"{{apiKey}}"},"settings":{"onlineBusinessAccount":"true"},"tradingName":"Demo Shop"}""");
        var created = await create.Content.ReadAsStringAsync();
        using var one = await Host.Client.GetAsync($"manage/carrier-accounts/{id}");
        var oneBody = await one.Content.ReadAsStringAsync();
        var all = await Host.Client.GetStringAsync("manage/carrier-accounts");

        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        foreach (var body in new[] { created, oneBody, all })
        {
            Assert.DoesNotContain(apiKey, body);
            Assert.DoesNotContain("ck_live", body);
        }
        var account = JsonNode.Parse(oneBody)!;
        Assert.Equal(["apiKey"], account["credentialsStored"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("true", account["settings"]!["onlineBusinessAccount"]!.GetValue<string>());
        Assert.Equal("ClickAndDrop", account["carrier"]!.GetValue<string>());
        Assert.Equal(apiKey, (await Host.Services.GetRequiredService<ICarrierAccountStore>().GetAsync(id, CancellationToken.None))!.Credential("apiKey"));
    }

    [Fact]
    public async Task Storing_a_new_key_reactivates_an_account_that_needs_credentials()
    {
        var id = Unique("rm").ToLowerInvariant();
        var store = Host.Services.GetRequiredService<ICarrierAccountStore>();
        await store.SaveAsync(new Connections.CarrierAccount
        {
            Id = id, Carrier = "ClickAndDrop", Credentials = { ["apiKey"] = "old-key" }, Status = Connections.CarrierAccountStatus.NeedsCredentials, StatusReason = "401 from Click & Drop",
        }, CancellationToken.None);

        using var keep = await Host.SendAsync(HttpMethod.Put, $"manage/carrier-accounts/{id}", """{"tradingName":"Renamed"}""");
        Assert.Equal("NeedsCredentials", (await JsonAsync(keep))["status"]!.GetValue<string>());
        using var put = await Host.SendAsync(HttpMethod.Put, $"manage/carrier-accounts/{id}", """{"credentials":{"apiKey":"new-key"}}""");
        var account = await JsonAsync(put);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("Active", account["status"]!.GetValue<string>());
        Assert.Equal("Renamed", account["tradingName"]!.GetValue<string>());
        Assert.Equal("new-key", (await store.GetAsync(id, CancellationToken.None))!.Credential("apiKey"));
    }

    [Fact]
    public async Task Creating_a_carrier_account_without_a_key_with_an_unknown_field_or_for_an_unknown_carrier_is_a_400()
    {
        using var noKey = await Host.SendAsync(HttpMethod.Put, "manage/carrier-accounts/new-one", """{"carrier":"ClickAndDrop"}""");
        using var unknownField = await Host.SendAsync(HttpMethod.Put, "manage/carrier-accounts/new-three",
            """{"carrier":"ClickAndDrop","credentials":{"apiKey":"k","token":"t"}}""");
        using var unknown = await Host.SendAsync(HttpMethod.Put, "manage/carrier-accounts/new-two", """{"carrier":"Hermes","credentials":{"apiKey":"k"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
        Assert.Contains((await JsonAsync(noKey))["errors"]!.AsArray().Select(d => d!.GetValue<string>()), e => e.StartsWith("apiKey is required", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.StatusCode);
        Assert.Contains((await JsonAsync(unknownField))["errors"]!.AsArray().Select(d => d!.GetValue<string>()), e => e.Contains("no field 'token'", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("not registered", (await JsonAsync(unknown))["errors"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Shipping_mappings_are_validated_saved_listed_and_deleted()
    {
        var account = Unique("rm").ToLowerInvariant();
        var method = "Royal Mail Tracked 24 " + Guid.NewGuid().ToString("N")[..6];
        await Host.SendAsync(HttpMethod.Put, $"manage/carrier-accounts/{account}", """{"carrier":"ClickAndDrop","credentials":{"apiKey":"k1"}}""");

        using var bad = await Host.SendAsync(HttpMethod.Put, "manage/shipping-mappings",
            $$"""[{"shippingMethod":"{{method}}","carrier":"ClickAndDrop","carrierAccountId":"{{account}}","serviceCode":"TOLP24","packageFormat":"box"}]""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);

        using var put = await Host.SendAsync(HttpMethod.Put, "manage/shipping-mappings",
            $$"""{"shippingMethod":"{{method}}","carrier":"clickanddrop","carrierAccountId":"{{account}}","serviceCode":"TOLP24","packageFormat":"smallparcel"}""");
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var listed = JsonNode.Parse(await Host.Client.GetStringAsync("manage/shipping-mappings?connectionId=*"))!.AsArray()
            .Single(m => m!["shippingMethod"]!.GetValue<string>() == method)!;
        Assert.Equal("smallParcel", listed["packageFormat"]!.GetValue<string>());
        Assert.Equal("ClickAndDrop", listed["carrier"]!.GetValue<string>());

        using var delete = await Host.SendAsync(HttpMethod.Delete, $"manage/shipping-mappings?connectionId=*&shippingMethod={Uri.EscapeDataString(method)}");
        using var again = await Host.SendAsync(HttpMethod.Delete, $"manage/shipping-mappings?connectionId=*&shippingMethod={Uri.EscapeDataString(method)}");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Replaying_an_order_that_needs_attention_answers_202_and_queues_its_normalisation()
    {
        var key = new OrderKey(Unique("conn").ToLowerInvariant(), Unique("ORD"));
        var orders = Host.Services.GetRequiredService<IOrderStore>();
        var at = DateTimeOffset.UtcNow;
        var order = new FulfilmentOrder(key, "BigCommerce", Snapshot(key.ChannelOrderId), at);
        Assert.True(await orders.TryAddAsync(order, CancellationToken.None));
        order.MoveTo(OrderState.NeedsAttention, at, "no mapping for 'Same Day Courier'");
        await orders.SaveAsync(order, CancellationToken.None);

        using var listed = await Host.Client.GetAsync($"manage/orders?state=needsattention&connectionId={key.ConnectionId}");
        var list = await JsonAsync(listed);
        Assert.Equal(1, list["count"]!.GetValue<int>());
        Assert.Equal("no mapping for 'Same Day Courier'", list["orders"]![0]!["reason"]!.GetValue<string>());

        using var replay = await Host.SendAsync(HttpMethod.Post, $"manage/orders/{key.ConnectionId}/{key.ChannelOrderId}/replay");
        var answer = await JsonAsync(replay);

        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Equal("Imported", answer["resumedAs"]!.GetValue<string>());
        Assert.Equal(OrderState.Imported, (await orders.GetAsync(key, CancellationToken.None))!.State);
        Assert.True(await NormaliseMessageQueuedAsync(key), $"no {StorageNames.Queues.OrderNormalise} message for {key}");

        using var twice = await Host.SendAsync(HttpMethod.Post, $"manage/orders/{key.ConnectionId}/{key.ChannelOrderId}/replay");
        using var unknown = await Host.SendAsync(HttpMethod.Post, $"manage/orders/{key.ConnectionId}/nope/replay");
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task An_unknown_order_state_is_a_400_listing_the_valid_ones()
    {
        using var response = await Host.Client.GetAsync("manage/orders?state=Lost");
        var error = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("NeedsAttention", error["errors"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Reactivating_a_connection_without_credentials_is_a_409()
    {
        var connections = Host.Services.GetRequiredService<IConnectionStore>();
        var id = Unique("bigcommerce").ToLowerInvariant();
        await connections.SaveAsync(new Connections.ChannelConnection
        {
            Id = id, Channel = "BigCommerce", StoreId = id, Status = Connections.ConnectionStatus.Disconnected,
        }, CancellationToken.None);

        using var activate = await Host.SendAsync(HttpMethod.Patch, $"manage/connections/{id}", """{"status":"Active"}""");
        using var settings = await Host.SendAsync(HttpMethod.Patch, $"manage/connections/{id}", """{"maxOrderAgeDays":30,"tradingName":"Demo"}""");
        var connection = await JsonAsync(settings);

        Assert.Equal(HttpStatusCode.Conflict, activate.StatusCode);
        Assert.Contains("no credentials", (await JsonAsync(activate))["title"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        Assert.Equal(30, connection["maxOrderAgeDays"]!.GetValue<int>());
        Assert.Equal("Disconnected", connection["status"]!.GetValue<string>());
        Assert.Empty(connection["credentialsStored"]!.AsArray());
    }

    public static TheoryData<string, string> BodyEndpoints() => new()
    {
        { "POST", "manage/products" },
        { "PUT", "manage/shipping-mappings" },
        { "PUT", "manage/carrier-accounts/rm-any" },
        { "PATCH", "manage/connections/any" },
        { "POST", "manage/orders/any/any/replay" },
    };

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task Malformed_json_is_a_400_with_a_json_error(string method, string path)
    {
        foreach (var body in new[] { "{\"sku\": ", "{not json}", "[1, 2" })
        {
            using var response = await Host.SendAsync(new HttpMethod(method), path, body);
            var text = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var error = JsonNode.Parse(text)!;
            Assert.Contains("JSON", error["title"]!.GetValue<string>());
        }
    }

    private async Task<bool> NormaliseMessageQueuedAsync(OrderKey key)
    {
        var queue = Host.Services.GetRequiredService<QueueServiceClient>().GetQueueClient(StorageNames.Queues.OrderNormalise);
        var messages = await queue.PeekMessagesAsync(32);
        return messages.Value
            .Select(m => JsonSerializer.Deserialize<NormaliseOrderMessage>(m.Body.ToString(), PipelineMessageJson.Options))
            .Any(m => m is not null && m.ConnectionId == key.ConnectionId && m.ChannelOrderId == key.ChannelOrderId);
    }

    private static ChannelOrder Snapshot(string id) => new()
    {
        ChannelOrderId = id,
        OrderNumber = id,
        CreatedAt = DateTimeOffset.UtcNow,
        ModifiedAt = DateTimeOffset.UtcNow,
        ChannelStatus = "Awaiting Fulfillment",
        Currency = "GBP",
        ShippingMethod = "Same Day Courier",
        Lines = [new ChannelOrderLine { LineId = "1", Sku = "MUG-BLUE", Name = "Blue mug", Quantity = 1, IsPhysical = true }],
    };
}
