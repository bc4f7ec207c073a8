namespace Sandbox.Ekm.Auth;

/// <summary>The scopes EKM's identity server defines (OpenAPI copy, security scheme "Bearer").</summary>
internal static class EkmScopes
{
    public const string OpenId = "openid";
    public const string OfflineAccess = "offline_access";
    public const string OrdersRead = "tempest.orders.read";
    public const string OrdersWrite = "tempest.orders.write";
    public const string ProductsRead = "tempest.products.read";
    public const string OrderStatusesRead = "tempest.settings.orderstatuses.read";

    public static IReadOnlySet<string> Known { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        OpenId, "profile", OfflineAccess,
        "tempest.internal.orders.read",
        "tempest.customers.read", "tempest.customers.write",
        "tempest.Guests.read", "tempest.Guests.write",
        OrdersRead, OrdersWrite,
        "tempest.orders.customers.notes.read", "tempest.orders.customers.notes.write",
        ProductsRead, "tempest.products.write",
        "tempest.categories.read", "tempest.categories.write",
        OrderStatusesRead,
        "tempest.settings.domains.read", "tempest.settings.accountdetails.read",
        "tempest.settings.tax.read", "tempest.settings.tax.write",
        "tempest.settings.currency.read",
        "tempest.cartsessions.read", "tempest.cartsessions.write",
        "tempest.cart.read", "tempest.cart.write",
    };

    public static IReadOnlyList<string> Split(string? scope) =>
        (scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
}

/// <summary>An endpoint's required scope, read by the API's admission filter from the endpoint metadata.</summary>
internal sealed record EkmRequiredScope(string Scope);

/// <summary>A partner app registered on partners.ekm.net: its credentials, redirect URI and the scopes it may ask for.</summary>
internal sealed record EkmApp(string ClientId, string ClientSecret, string RedirectUri, IReadOnlySet<string> AllowedScopes);

/// <summary>Who is calling the API: the shop (the token's <c>sub</c>), the app and the scopes granted.</summary>
internal sealed record EkmCaller(string Username, string ClientId, IReadOnlySet<string> Scopes);
