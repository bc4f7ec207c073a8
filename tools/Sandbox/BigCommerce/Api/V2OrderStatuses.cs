namespace Sandbox.BigCommerce.Api;

/// <summary>The 15 default order statuses (GET /v2/order_statuses); merchants may relabel them, the ids stay.</summary>
internal static class V2OrderStatuses
{
    public static readonly (int Id, string Name)[] All =
    [
        (0, "Incomplete"), (1, "Pending"), (2, "Shipped"), (3, "Partially Shipped"), (4, "Refunded"), (5, "Cancelled"),
        (6, "Declined"), (7, "Awaiting Payment"), (8, "Awaiting Pickup"), (9, "Awaiting Shipment"), (10, "Completed"),
        (11, "Awaiting Fulfillment"), (12, "Manual Verification Required"), (13, "Disputed"), (14, "Partially Refunded"),
    ];

    public static bool Exists(int id) => All.Any(s => s.Id == id);

    public static string Name(int id) => All.FirstOrDefault(s => s.Id == id).Name ?? "Unknown";
}
