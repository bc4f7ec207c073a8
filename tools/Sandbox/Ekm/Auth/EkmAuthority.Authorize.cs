using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Sandbox.Ekm.Auth;

// GET /connect/authorize: plays the merchant signing in and consenting. As IdentityServer does, errors it cannot
// safely send back to the client (unknown client, unregistered redirect URI, bad response_type or scope) are shown on
// an error page and never redirected; access_denied and login_required go back to the redirect URI with the state.
internal sealed partial class EkmAuthority
{
    public EkmResult Authorize(IQueryCollection query)
    {
        string? Param(string name) => query.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v.ToString()) ? v.ToString() : null;

        var clientId = Param("client_id");
        var redirectUri = Param("redirect_uri");
        var state = Param("state");
        EkmApp? app;
        EkmConsent? consent;
        lock (_lock)
        {
            app = clientId is null ? null : _apps.GetValueOrDefault(clientId);
            consent = _consent;
        }
        if (clientId is null)
            return ErrorPage("invalid_request", "client_id is missing.");
        if (app is null)
            return ErrorPage("unauthorized_client", "Unknown client or client not enabled.");
        // Exact, case-sensitive match with the URI registered on partners.ekm.net.
        if (redirectUri is null || !string.Equals(redirectUri, app.RedirectUri, StringComparison.Ordinal))
            return ErrorPage("unauthorized_client", "Invalid redirect_uri.");

        var responseType = Param("response_type");
        if (responseType is null)
            return ErrorPage("invalid_request", "response_type is missing.");
        if (responseType != "code")
            return ErrorPage("unsupported_response_type", "Only the authorization code flow (response_type=code) is allowed for this client.");
        if (Param("response_mode") is { } mode && mode != "query")
            return ErrorPage("invalid_request", "The simulator only supports response_mode=query.");

        var scopes = EkmScopes.Split(Param("scope"));
        if (scopes.Count == 0)
            return ErrorPage("invalid_request", "scope is missing.");
        if (scopes.FirstOrDefault(s => !EkmScopes.Known.Contains(s) || !app.AllowedScopes.Contains(s)) is { } badScope)
            return ErrorPage("invalid_scope", $"Invalid scope: {badScope}.");

        var challenge = Param("code_challenge");
        var challengeMethod = challenge is null ? null : Param("code_challenge_method") ?? "plain";
        if (challengeMethod is not (null or "plain" or "S256"))
            return ErrorPage("invalid_request", "Transform algorithm not supported.");

        var prompt = EkmScopes.Split(Param("prompt"));
        if (prompt.Contains("none"))
            return Redirect(app.RedirectUri, ("error", "login_required"), ("state", state));
        if (consent is null)
            return ErrorPage("login_required", "No merchant is signed in: choose one with ConsentAs (simulator control).");
        if (consent.Deny)
            return Redirect(app.RedirectUri, ("error", "access_denied"), ("state", state));
        if (consent.Username is null || !shopExists(consent.Username))
            return ErrorPage("login_required", $"The consenting shop '{consent.Username}' does not exist.");

        var code = NewHandle();
        lock (_lock)
            _codes[code] = new PendingCode(app.ClientId, consent.Username, redirectUri, scopes, Param("nonce"), challenge, challengeMethod, time.GetUtcNow());
        return Redirect(app.RedirectUri,
            ("code", code),
            ("scope", string.Join(' ', scopes)),
            ("state", state),
            ("session_state", Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))));
    }

    private static EkmResult Redirect(string redirectUri, params (string Name, string? Value)[] parameters)
    {
        var location = new StringBuilder(redirectUri);
        var separator = redirectUri.Contains('?') ? '&' : '?';
        foreach (var (name, value) in parameters)
        {
            if (value is null)
                continue;
            location.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }
        return EkmResult.Empty(StatusCodes.Status302Found).WithHeader("Location", location.ToString());
    }

    // The real server redirects the browser to its own error UI; the simulator answers that page directly with a 400
    // (the exact status and page are UNCONFIRMED). The error code is in the page for tests to read.
    private static EkmResult ErrorPage(string error, string description) =>
        EkmResult.Html(StatusCodes.Status400BadRequest,
            $"<!DOCTYPE html><html><head><title>Error</title></head><body><h1>Sorry, there was an error : {error}</h1>" +
            $"<p>{WebUtility.HtmlEncode(description)}</p></body></html>");
}
