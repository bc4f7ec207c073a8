namespace Fulfilment.Channels.Ekm;

/// <summary>The scopes we ask a merchant for: what the pipeline reads and writes, and offline_access for refresh tokens.</summary>
public static class EkmScopes
{
    public const string OrdersRead = "tempest.orders.read";
    public const string OrdersWrite = "tempest.orders.write";
    public const string ProductsRead = "tempest.products.read";
    public const string OrderStatusesRead = "tempest.settings.orderstatuses.read";
    public const string OfflineAccess = "offline_access";

    public static readonly IReadOnlyList<string> Requested = [OrdersRead, OrdersWrite, ProductsRead, OrderStatusesRead, OfflineAccess];

    public static string Joined => string.Join(' ', Requested);
}
