namespace Fulfilment.Channels.Ecomdash;

/// <summary>
/// One Ecomdash operation: the unit of its 3-concurrent-calls rule, and whether a call that got no answer may be sent
/// again (reads may; a create or a tracking submission may have been applied, so it is looked up first instead).
/// </summary>
public sealed record EcomdashOperation(string Name, bool SafeToRepeat)
{
    public override string ToString() => Name;
}

/// <summary>The operations we call, named as APIM counts them.</summary>
public static class EcomdashOperations
{
    public static readonly EcomdashOperation GetOrders = new("getOrders", true);
    public static readonly EcomdashOperation GetOrder = new("getOrder", true);
    public static readonly EcomdashOperation GetOrderLineItems = new("getOrderLineItems", true);
    public static readonly EcomdashOperation GetOrderShipments = new("getOrderShipments", true);
    public static readonly EcomdashOperation CreateShipment = new("createShipment", false);
    public static readonly EcomdashOperation SubmitTrackingInfo = new("submitTrackingInfo", false);
    public static readonly EcomdashOperation GetCarriers = new("getCarriers", true);
    public static readonly EcomdashOperation GetWarehouses = new("getWarehouses", true);
    public static readonly EcomdashOperation GetProducts = new("getProducts", true);
    public static readonly EcomdashOperation GetInventory = new("getInventory", true);
    public static readonly EcomdashOperation GetProduct = new("getProduct", true);
    // Setting a quantity or a price twice leaves the same result: safe to send again.
    public static readonly EcomdashOperation UpdateQuantityOnHand = new("updateQuantityOnHand", true);
    public static readonly EcomdashOperation UpdateProduct = new("updateProduct", true);
}

/// <summary>What each request carries for the handlers: whose quota it spends, which operation it is, whether it may be repeated.</summary>
internal static class EcomdashRequest
{
    public static readonly HttpRequestOptionsKey<string> LimiterKey = new("Ecomdash.LimiterKey");
    public static readonly HttpRequestOptionsKey<EcomdashOperation> OperationKey = new("Ecomdash.Operation");

    public static string? Limiter(HttpRequestMessage request) => request.Options.TryGetValue(LimiterKey, out var key) ? key : null;

    public static EcomdashOperation? Operation(HttpRequestMessage request) => request.Options.TryGetValue(OperationKey, out var operation) ? operation : null;
}
