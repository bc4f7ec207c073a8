using System.Net;

namespace Sandbox.Tests.Ekm;

/// <summary>GET /ekm/connect/authorize: the consent screen, its redirects and its error pages.</summary>
public sealed class EkmAuthorizeTests
{
    [Fact]
    public async Task Consent_redirects_to_the_registered_uri_with_a_code_the_granted_scope_and_the_same_state()
    {
        await using var ekm = await EkmHarness.StartAsync();

        using var response = await ekm.Http.GetAsync(EkmHarness.AuthorizeUrl(state: "opaque/state=1"));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(EkmHarness.RedirectUri + "?", location.ToString());
        var query = EkmHarness.QueryOf(location);
        Assert.Equal("opaque/state=1", query["state"]);
        Assert.Matches("^[0-9A-F]{64}$", query["code"]);
        Assert.Equal(EkmHarness.FullScope, query["scope"]);
    }

    [Fact]
    public async Task An_unregistered_redirect_uri_gets_an_error_page_and_no_redirect()
    {
        await using var ekm = await EkmHarness.StartAsync();

        using var response = await ekm.Http.GetAsync(EkmHarness.AuthorizeUrl(redirectUri: "https://attacker.example/callback"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("unauthorized_client", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_redirect_uri_differing_only_in_case_or_a_trailing_slash_is_not_the_registered_one()
    {
        await using var ekm = await EkmHarness.StartAsync();

        using var upper = await ekm.Http.GetAsync(EkmHarness.AuthorizeUrl(redirectUri: EkmHarness.RedirectUri.ToUpperInvariant()));
        using var slash = await ekm.Http.GetAsync(EkmHarness.AuthorizeUrl(redirectUri: EkmHarness.RedirectUri + "/"));

        Assert.Equal(HttpStatusCode.BadRequest, upper.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, slash.StatusCode);
    }

    [Fact]
    public async Task An_unknown_client_gets_an_error_page()
    {
        await using var ekm = await EkmHarness.StartAsync();

        using var response = await ekm.Http.GetAsync(EkmHarness.AuthorizeUrl(clientId: "not-registered"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task An_unknown_scope_gets_an_invalid_scope_error_page()
    {
        await using var ekm = await EkmHarness.StartAsync();

        using var response = await ekm.Http.GetAsync(EkmHarness.AuthorizeUrl(scope: "tempest.orders.read tempest.everything"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_scope", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_response_type_other_than_code_is_refused()
    {
        await using var ekm = await EkmHarness.StartAsync();

        using var response = await ekm.Http.GetAsync(EkmHarness.AuthorizeUrl().Replace("response_type=code", "response_type=token"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("unsupported_response_type", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_merchant_who_denies_sends_the_browser_back_with_access_denied_and_the_state()
    {
        await using var ekm = await EkmHarness.StartAsync();
        ekm.Simulator.DenyConsent();

        using var response = await ekm.Http.GetAsync(EkmHarness.AuthorizeUrl(state: "st-deny"));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var query = EkmHarness.QueryOf(response.Headers.Location!);
        Assert.Equal("access_denied", query["error"]);
        Assert.Equal("st-deny", query["state"]);
        Assert.False(query.ContainsKey("code"));
    }

    [Fact]
    public async Task The_shop_chosen_to_consent_is_the_subject_of_the_access_token()
    {
        await using var ekm = await EkmHarness.StartAsync();
        ekm.Simulator.CreateShop("merchant-two");
        ekm.Simulator.ConsentAs("merchant-two");

        var tokens = await ekm.ConnectAsync();

        Assert.Equal("merchant-two", EkmHarness.JwtPayload(tokens.AccessToken).GetProperty("sub").GetString());
    }
}
