using System.Net;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Fulfilment.Connections;
using Fulfilment.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Fulfilment.IntegrationTests.Admin;

/// <summary>Health against its own Azurite, so nothing else's poison messages or accounts change its verdict.</summary>
public class HealthFunctionTests
{
    [Fact]
    public async Task A_poison_message_turns_healthy_into_degraded_and_credentials_never_show()
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        await using var host = await AdminTestHost.StartAsync(azurite.ConnectionString);
        await host.Services.GetRequiredService<ICarrierAccountStore>().SaveAsync(
            new CarrierAccount { Id = "rm-demo", Carrier = "ClickAndDrop", Credentials = { ["apiKey"] = "secret-api-key-123" } }, CancellationToken.None);
        await host.Services.GetRequiredService<IConnectionStore>().SaveAsync(new ChannelConnection
        {
            Id = "bigcommerce-zq3demo01", Channel = "BigCommerce", StoreId = "zq3demo01", Credentials = { ["accessToken"] = "secret-token-456" },
            Cursor = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero),
        }, CancellationToken.None);

        using var before = await host.Client.GetAsync("health");
        var healthy = JsonNode.Parse(await before.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal("Healthy", healthy["status"]!.GetValue<string>());

        var poison = host.Services.GetRequiredService<QueueServiceClient>().GetQueueClient(StorageNames.Queues.Poison(StorageNames.Queues.OrderNormalise));
        await poison.SendMessageAsync("""{"connectionId":"x","channelOrderId":"y"}""");
        using var after = await host.Client.GetAsync("health");
        var text = await after.Content.ReadAsStringAsync();
        var degraded = JsonNode.Parse(text)!;

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("Degraded", degraded["status"]!.GetValue<string>());
        Assert.Contains(degraded["problems"]!.AsArray().Select(p => p!.GetValue<string>()), p => p.StartsWith("1 message(s) in order-normalise-poison", StringComparison.Ordinal));
        var queue = degraded["queues"]!.AsArray().Single(q => q!["name"]!.GetValue<string>() == StorageNames.Queues.OrderNormalise)!;
        Assert.Equal(1, queue["poisonDepth"]!.GetValue<int>());
        var connection = degraded["connections"]!.AsArray().Single()!;
        Assert.Equal("bigcommerce-zq3demo01", connection["id"]!.GetValue<string>());
        Assert.NotNull(connection["cursor"]);
        Assert.Equal("ClickAndDrop", degraded["carrierAccounts"]![0]!["carrier"]!.GetValue<string>());
        Assert.DoesNotContain("secret-api-key-123", text);
        Assert.DoesNotContain("secret-token-456", text);
        Assert.Equal(0, degraded["failures"]!["failures"]!.GetValue<int>());
    }

    [Fact]
    public async Task Unreachable_storage_is_a_503_with_the_reason()
    {
        var azurite = await AzuriteInstance.StartAsync();
        await using var host = await AdminTestHost.StartAsync(azurite.ConnectionString);
        await azurite.DisposeAsync();

        using var response = await host.Client.GetAsync("health");
        var report = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", report["status"]!.GetValue<string>());
        Assert.False(report["storage"]!["reachable"]!.GetValue<bool>());
        Assert.False(string.IsNullOrWhiteSpace(report["storage"]!["error"]!.GetValue<string>()));
    }
}
