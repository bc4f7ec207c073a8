using System.Net;
using Sandbox.Ecomdash;

namespace Sandbox.Tests.Ecomdash;

public sealed class EcomdashAuthTests : EcomdashTestBase
{
    private const string CombinationMessage =
        "The provided 'ecd-subscription-key' / 'application-id' combination is not valid or does not belong to a company with a current ecomdash subscription.";

    [Fact]
    public async Task Valid_developer_and_merchant_keys_connect()
    {
        var envelope = await EcomdashTestHost.EnvelopeAsync(await Api.GetAsync("Warehouses"));

        Assert.Equal("Success", envelope.GetProperty("status").GetString());
        Assert.Equal("ECD Warehouse", envelope.GetProperty("data")[0].GetProperty("Name").GetString());
    }

    [Fact]
    public async Task Missing_developer_key_gets_apims_401_missing_key_body()
    {
        var response = await Api.GetAsync("Warehouses", developerKey: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await EcomdashTestHost.JsonAsync(response);
        Assert.Equal(401, body.GetProperty("statusCode").GetInt32());
        Assert.StartsWith("Access denied due to missing subscription key.", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Unknown_developer_key_gets_apims_401_invalid_key_body()
    {
        var response = await Api.GetAsync("Warehouses", developerKey: "not-a-key");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Access denied due to invalid subscription key.", (await EcomdashTestHost.JsonAsync(response)).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Developer_key_in_the_query_string_is_accepted_like_apim_does()
    {
        var response = await Api.GetAsync($"Warehouses?subscription-key={EcomdashTestHost.DeveloperKey}", developerKey: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Revoked_developer_key_gets_401()
    {
        Sim.RemoveDeveloperKey(EcomdashTestHost.DeveloperKey);

        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.GetAsync("Warehouses")).StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("ecd-unknown-key")]
    public async Task Missing_or_unknown_merchant_key_gets_403_with_the_combination_message(string? ecdKey)
    {
        var response = await Api.GetAsync("Warehouses", ecdKey: ecdKey);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(CombinationMessage, (await EcomdashTestHost.JsonAsync(response)).GetProperty("Message").GetString());
    }

    [Fact]
    public async Task Lapsed_subscription_gets_403_until_renewed()
    {
        Sim.SetSubscriptionActive(Merchant, false);
        var lapsed = await Api.GetAsync("Warehouses");
        Sim.SetSubscriptionActive(Merchant, true);
        var renewed = await Api.GetAsync("Warehouses");

        Assert.Equal(HttpStatusCode.Forbidden, lapsed.StatusCode);
        Assert.Equal(CombinationMessage, (await EcomdashTestHost.JsonAsync(lapsed)).GetProperty("Message").GetString());
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Forbidden)]
    [InlineData("00000000-0000-0000-0000-000000000000", HttpStatusCode.Forbidden)]
    [InlineData("6f1c2d3e-aaaa-bbbb-cccc-0123456789ab", HttpStatusCode.OK)]
    public async Task App_store_merchant_needs_its_own_application_id(string? applicationId, HttpStatusCode expected)
    {
        Sim.AddMerchant(new EcomdashMerchantSeed("store-app", "ecd-app-key") { ApplicationId = "6f1c2d3e-aaaa-bbbb-cccc-0123456789ab" });

        var response = await Api.GetAsync("Warehouses", ecdKey: "ecd-app-key", applicationId: applicationId);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Application_id_sent_for_a_tools_tab_key_is_refused()
    {
        var response = await Api.GetAsync("Warehouses", applicationId: "6f1c2d3e-aaaa-bbbb-cccc-0123456789ab");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "orders/getOrders")]
    [InlineData("GET", "no/such/operation")]
    [InlineData("DELETE", "Inventory")]
    public async Task Unknown_operation_gets_apims_404(string method, string path)
    {
        var response = await Api.SendAsync(new HttpMethod(method), path, null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Resource not found", (await EcomdashTestHost.JsonAsync(response)).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Paths_match_case_insensitively_like_the_real_api()
    {
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync("warehouses")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync("CARRIERS")).StatusCode);
    }
}
