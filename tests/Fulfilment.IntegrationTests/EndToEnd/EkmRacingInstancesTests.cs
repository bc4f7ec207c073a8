using Fulfilment.Channels;
using Fulfilment.Channels.Ekm;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Microsoft.Extensions.DependencyInjection;
using Sandbox.Ekm;
using Xunit.Abstractions;

namespace Fulfilment.IntegrationTests.EndToEnd;

/// <summary>The function app under the local host and a second instance (another service graph on the same storage) needing a new EKM token at once.</summary>
public class EkmRacingInstancesTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_poll_and_a_webhook_on_another_instance_needing_a_new_token_at_once_refresh_once_and_lose_no_token()
    {
        await using var scenario = await EkmScenario.StartAsync(output);
        var order = scenario.Ekm.AddOrder(EkmScenario.Shop, EkmScenario.PaidOrder(), fireWebhook: false);
        await using var other = Instance(scenario);
        var connections = other.GetRequiredService<IConnectionStore>();
        // Both instances see an expired access token, and EKM's token endpoint is slow, so the two refreshes overlap.
        var connection = (await connections.GetAsync(EkmScenario.ConnectionId, CancellationToken.None))!;
        (EkmTokenSet.From(connection)! with { ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) }).ApplyTo(connection);
        await connections.SaveAsync(connection, CancellationToken.None);
        scenario.Ekm.ExpireAccessTokens(EkmScenario.Shop);
        scenario.Ekm.SetTokenEndpointFaults(new EkmFaults { Latency = TimeSpan.FromSeconds(2) });
        scenario.Ekm.ClearRequests();

        var poll = scenario.RunAsync("PollChannels");
        var hint = other.GetRequiredService<ImportOrderStep>().RunAsync(new ImportOrderMessage(EkmScenario.ConnectionId, order.Id.ToString()), CancellationToken.None);
        await Task.WhenAll(poll, hint);

        Assert.Single(scenario.Ekm.GetRequests(), r => r.Path == "/ekm/connect/token");
        Assert.Equal(1, scenario.Ekm.LiveRefreshTokenCount(EkmScenario.Shop));
        Assert.Equal("Active", (await scenario.ConnectionAsync())["status"]!.GetValue<string>());
        Assert.Equal([order.Id], (await scenario.OrdersByIdAsync()).Keys);
        // The stored refresh token is the live one: the next refresh works.
        scenario.Ekm.SetTokenEndpointFaults(new EkmFaults());
        var stored = EkmTokenSet.From((await connections.GetAsync(EkmScenario.ConnectionId, CancellationToken.None))!)!;
        Assert.NotNull(await other.GetRequiredService<EkmAuth>().RefreshAsync(stored.RefreshToken, CancellationToken.None));
    }

    /// <summary>The function app's service graph as a second instance would build it, on the same settings.</summary>
    private static ServiceProvider Instance(EkmScenario scenario)
    {
        var configuration = scenario.Stack.AppConfiguration();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddFulfilmentStorage(configuration);
        services.AddFulfilmentPipeline(configuration);
        services.AddEkm(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
