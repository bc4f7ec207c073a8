namespace Sandbox.Ecomdash;

/// <summary>
/// The simulated API operations by name: the unit of the 3-concurrent-calls rule, of envelope faults and of the
/// request log. One name per method and route template, as APIM counts operations.
/// </summary>
public static class EcomdashOperations
{
    public const string GetOrders = "getOrders";
    public const string GetOrder = "getOrder";
    public const string GetOrderLineItems = "getOrderLineItems";
    public const string GetOrderShipments = "getOrderShipments";
    public const string CreateShipment = "createShipment";
    public const string SubmitTrackingInfo = "submitTrackingInfo";
    public const string GetCarriers = "getCarriers";
    public const string GetWarehouses = "getWarehouses";
    public const string GetProducts = "getProducts";
    public const string GetInventory = "getInventory";
    public const string GetProduct = "getProduct";
    public const string UpdateQuantityOnHand = "updateQuantityOnHand";
    public const string UpdateProduct = "updateProduct";

    public static IReadOnlyList<string> All { get; } =
    [
        GetOrders, GetOrder, GetOrderLineItems, GetOrderShipments, CreateShipment, SubmitTrackingInfo, GetCarriers,
        GetWarehouses, GetProducts, GetInventory, GetProduct, UpdateQuantityOnHand, UpdateProduct,
    ];

    public static bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);
}

/// <summary>Endpoint metadata: which <see cref="EcomdashOperations"/> an endpoint is.</summary>
internal sealed record EcomdashOperation(string Name);
