using System.Net;
using Fulfilment.Channels.BigCommerce;
using Fulfilment.Partners;
using Microsoft.AspNetCore.WebUtilities;
using Xunit;

namespace Fulfilment.IntegrationTests.Channels.BigCommerce;

/// <summary>The app-install OAuth flow and signed payloads against the simulated BigCommerce login service.</summary>
public class BigCommerceAppInstallTests
{
    private static async Task<Dictionary<string, string>> InstallAsync(BigCommerceHarness h, string storeHash)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var response = await browser.GetAsync($"{h.Sandbox.BaseUrl}/bigcommerce/login/app/{BigCommerceHarness.ClientId}/install?store_hash={storeHash}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(BigCommerceHarness.AuthCallbackUrl + "?", location.ToString());
        return QueryHelpers.ParseQuery(location.Query).ToDictionary(q => q.Key, q => q.Value.ToString());
    }

    [Fact]
    public async Task Install_redirect_code_is_exchanged_for_a_working_store_token()
    {
        await using var h = await BigCommerceHarness.StartAsync();
        h.Simulator.RegisterApp(BigCommerceHarness.ClientId, BigCommerceHarness.ClientSecret, BigCommerceHarness.AuthCallbackUrl);

        var callback = await InstallAsync(h, "newstore1");
        Assert.Equal("stores/newstore1", callback["context"]);
        var result = await h.AppAuth.ExchangeCodeAsync(callback["code"], callback["scope"], callback["context"], default);

        Assert.Equal("newstore1", result.StoreHash);
        Assert.Equal("store_v2_orders store_v2_information", result.Scope);
        Assert.Equal(h.Simulator.GetAccessToken("newstore1"), result.AccessToken);
        Assert.Equal("owner@newstore1.example", result.UserEmail);
        Assert.Equal(callback["account_uuid"], result.AccountUuid);
        Assert.DoesNotContain(result.AccessToken, result.ToString());
        var orders = await h.Client.ListOrdersAsync(new BigCommerceStore(result.StoreHash, result.AccessToken), new BigCommerceOrderQuery(), default);
        Assert.Empty(orders);
    }

    [Fact]
    public async Task An_install_code_works_only_once()
    {
        await using var h = await BigCommerceHarness.StartAsync();
        h.Simulator.RegisterApp(BigCommerceHarness.ClientId, BigCommerceHarness.ClientSecret, BigCommerceHarness.AuthCallbackUrl);
        var callback = await InstallAsync(h, "newstore2");
        await h.AppAuth.ExchangeCodeAsync(callback["code"], callback["scope"], callback["context"], default);

        var ex = await Assert.ThrowsAsync<BigCommerceException>(() => h.AppAuth.ExchangeCodeAsync(callback["code"], callback["scope"], callback["context"], default));

        Assert.Equal(PartnerFailureKind.Rejected, ex.Kind);
        Assert.Equal(400, ex.StatusCode);
    }

    [Fact]
    public async Task A_wrong_client_secret_is_an_authentication_failure()
    {
        await using var h = await BigCommerceHarness.StartAsync();
        h.Simulator.RegisterApp(BigCommerceHarness.ClientId, "the-real-secret-is-something-else-entirely-0123", BigCommerceHarness.AuthCallbackUrl);
        var callback = await InstallAsync(h, "newstore3");

        var ex = await Assert.ThrowsAsync<BigCommerceException>(() => h.AppAuth.ExchangeCodeAsync(callback["code"], callback["scope"], callback["context"], default));

        Assert.Equal(PartnerFailureKind.Authentication, ex.Kind);
        Assert.DoesNotContain(BigCommerceHarness.ClientSecret, ex.Message);
    }

    [Fact]
    public async Task Signed_payloads_minted_by_the_simulator_verify_and_expired_ones_do_not()
    {
        await using var h = await BigCommerceHarness.StartAsync();
        h.Simulator.RegisterApp(BigCommerceHarness.ClientId, BigCommerceHarness.ClientSecret, BigCommerceHarness.AuthCallbackUrl);
        h.Simulator.CreateStore("signed1", "t");

        var good = await h.AppAuth.VerifySignedPayloadAsync(h.Simulator.CreateSignedPayload("signed1"));
        var expired = await h.AppAuth.VerifySignedPayloadAsync(h.Simulator.CreateSignedPayload("signed1", issuedAt: DateTimeOffset.UtcNow.AddDays(-2)));

        Assert.True(good.IsValid, good.Failure);
        Assert.Equal("signed1", good.Payload!.StoreHash);
        Assert.Equal("owner@signed1.example", good.Payload.OwnerEmail);
        Assert.False(expired.IsValid);
    }

    [Fact]
    public async Task Uninstall_invalidates_the_token()
    {
        await using var h = await BigCommerceHarness.StartAsync();
        h.Simulator.RegisterApp(BigCommerceHarness.ClientId, BigCommerceHarness.ClientSecret, BigCommerceHarness.AuthCallbackUrl);
        var c = h.NewStore();

        await h.Simulator.UninstallAsync(c.StoreId);

        var ex = await Assert.ThrowsAsync<BigCommerceException>(() => h.Client.ListOrdersAsync(BigCommerceHarness.StoreOf(c), new BigCommerceOrderQuery(), default));
        Assert.Equal(PartnerFailureKind.Authentication, ex.Kind);
    }
}
