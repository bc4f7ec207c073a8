using Sandbox.BigCommerce.Login;

namespace Sandbox.BigCommerce;

// The one registered app: its callbacks, the JWTs BigCommerce signs for it, and the merchant uninstalling it.
public sealed partial class BigCommerceSimulator
{
    private BigCommerceRegisteredApp? _app;

    /// <summary>Registers the one app this simulated BigCommerce knows (its client id, secret and callbacks).</summary>
    public void RegisterApp(string clientId, string clientSecret, string authCallbackUrl, string? loadCallbackUrl = null, string? uninstallCallbackUrl = null)
    {
        lock (_lock)
            _app = new BigCommerceRegisteredApp(clientId, clientSecret, authCallbackUrl, loadCallbackUrl, uninstallCallbackUrl);
    }

    /// <summary>
    /// Mints a real <c>signed_payload_jwt</c> for the store: HS256 with the app's client secret, aud = client id,
    /// iss "bc", iat/nbf = <paramref name="issuedAt"/> (default now), exp = nbf + lifetime (default 24 h).
    /// </summary>
    public string CreateSignedPayload(string storeHash, TimeSpan? lifetime = null, DateTimeOffset? issuedAt = null)
    {
        BigCommerceRegisteredApp app;
        string ownerEmail;
        lock (_lock)
        {
            app = _app ?? throw new InvalidOperationException("Register the app first (RegisterApp).");
            ownerEmail = Store(storeHash).OwnerEmail;
        }
        return SignedPayloads.Create(app, storeHash, ownerEmail, issuedAt ?? Time.GetUtcNow(), lifetime ?? TimeSpan.FromHours(24));
    }

    /// <summary>The URL BigCommerce's control panel would open for the app (load callback with a fresh JWT).</summary>
    public string CreateLoadUrl(string storeHash)
    {
        string load;
        lock (_lock)
            load = _app?.LoadCallbackUrl ?? throw new InvalidOperationException("The registered app has no load callback.");
        return SignedPayloads.AppendQuery(load, "signed_payload_jwt", CreateSignedPayload(storeHash));
    }

    /// <summary>
    /// Plays the merchant uninstalling: invalidates the store's token, then calls the uninstall callback server-to-server
    /// with a fresh JWT (when the app has one). UNCONFIRMED: that BigCommerce revokes the token before the callback.
    /// Returns the callback's status code (or null when there is no callback).
    /// </summary>
    public async Task<int?> UninstallAsync(string storeHash, CancellationToken cancellationToken = default)
    {
        string? uninstall;
        lock (_lock)
        {
            Store(storeHash).Token = null;
            uninstall = _app?.UninstallCallbackUrl;
        }
        if (uninstall is null)
            return null;
        var url = SignedPayloads.AppendQuery(uninstall, "signed_payload_jwt", CreateSignedPayload(storeHash));
        using var response = await _callbacks.GetAsync(url, cancellationToken);
        return (int)response.StatusCode;
    }
}
