using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Sandbox.BigCommerce;

// The login service: {BaseUrl}/bigcommerce/login/oauth2/token and the app install button.
public sealed partial class BigCommerceSimulator
{
    /// <summary>Scopes an install grants unless the install URL asks for others (space-separated, all or nothing).</summary>
    public const string DefaultScopes = "store_v2_orders store_v2_information";
    private static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);
    private readonly Dictionary<string, PendingCode> _codes = new(StringComparer.Ordinal);

    private sealed record PendingCode(string StoreHash, string Scope, DateTimeOffset ExpiresAt);

    private void MapLogin(IEndpointRouteBuilder app)
    {
        var login = app.MapGroup("/bigcommerce/login");

        // Plays the merchant clicking Install: a single-use code, then the browser's redirect to the app's auth callback.
        login.MapGet("/app/{clientId}/install", (string clientId, string? store_hash, string? scope) =>
        {
            lock (_lock)
            {
                if (_app is null || !string.Equals(_app.ClientId, clientId, StringComparison.Ordinal))
                    return Results.Json(new { error = "Unknown app." }, statusCode: 404);
                if (!IsValidHash(store_hash))
                    return Results.Json(new { error = "store_hash must be lower-case letters and digits." }, statusCode: 400);
                var store = GetOrAddStore(store_hash!);
                var code = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
                var grantedScope = string.IsNullOrWhiteSpace(scope) ? DefaultScopes : scope;
                _codes[code] = new PendingCode(store.Hash, grantedScope, Time.GetUtcNow() + CodeLifetime);
                var url = _app.AuthCallbackUrl
                          + (_app.AuthCallbackUrl.Contains('?') ? "&" : "?")
                          + "code=" + Uri.EscapeDataString(code)
                          + "&scope=" + Uri.EscapeDataString(grantedScope)
                          + "&context=" + Uri.EscapeDataString("stores/" + store.Hash)
                          + "&account_uuid=" + Uri.EscapeDataString(store.AccountUuid);
                return Results.Redirect(url);
            }
        });

        login.MapPost("/oauth2/token", async (HttpContext ctx) =>
        {
            var fields = await ReadFieldsAsync(ctx.Request, ctx.RequestAborted);
            if (fields is null)
                return Results.Json(new { error = "invalid_request", error_description = "The body must be JSON or form-encoded." }, statusCode: 400);
            string Field(string name) => fields.TryGetValue(name, out var v) ? v : "";
            lock (_lock)
            {
                // UNCONFIRMED: BigCommerce's exact login error bodies; OAuth-style {error, error_description} is used here.
                if (_app is null || !string.Equals(Field("client_id"), _app.ClientId, StringComparison.Ordinal))
                    return Results.Json(new { error = "invalid_client", error_description = "Invalid client id." }, statusCode: 401);
                if (!CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(Field("client_secret")), System.Text.Encoding.UTF8.GetBytes(_app.ClientSecret)))
                    return Results.Json(new { error = "invalid_client", error_description = "Invalid client secret." }, statusCode: 401);
                if (Field("grant_type") != "authorization_code")
                    return Results.Json(new { error = "unsupported_grant_type", error_description = "grant_type must be authorization_code." }, statusCode: 400);
                if (!string.Equals(Field("redirect_uri"), _app.AuthCallbackUrl, StringComparison.Ordinal))
                    return Results.Json(new { error = "invalid_grant", error_description = "redirect_uri does not match the registered auth callback." }, statusCode: 400);
                var code = Field("code");
                if (!_codes.Remove(code, out var pending) || pending.ExpiresAt < Time.GetUtcNow()
                    || Field("context") != "stores/" + pending.StoreHash)
                    return Results.Json(new { error = "invalid_grant", error_description = "Invalid verification code." }, statusCode: 400);

                var store = GetOrAddStore(pending.StoreHash);
                // A fresh install (or re-install) issues a new permanent token; the old one stops working.
                store.Token = NewToken();
                var user = new { id = 24654, username = store.OwnerEmail, email = store.OwnerEmail };
                return Results.Json(new
                {
                    access_token = store.Token,
                    scope = pending.Scope,
                    user,
                    owner = user,
                    context = "stores/" + store.Hash,
                    account_uuid = store.AccountUuid,
                });
            }
        });
    }

    private static async Task<Dictionary<string, string>?> ReadFieldsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            return form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        }
        try
        {
            using var doc = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                return null;
            return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(), StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
