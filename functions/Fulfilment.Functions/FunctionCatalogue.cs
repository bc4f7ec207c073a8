using Fulfilment.Functions.Host;

namespace Fulfilment.Functions;

/// <summary>Every function this app serves: adding a function adds its folder and one line here.</summary>
public static class FunctionCatalogue
{
    private static readonly (FunctionDefinition Definition, Action<IEndpointRouteBuilder> Map)[] Functions =
    [
        (PollChannels.PollChannelsFunction.Definition, PollChannels.PollChannelsFunction.Map),
        (PollConnection.PollConnectionFunction.Definition, PollConnection.PollConnectionFunction.Map),
        (NormaliseOrder.NormaliseOrderFunction.Definition, NormaliseOrder.NormaliseOrderFunction.Map),
        (CreateShipments.CreateShipmentsFunction.Definition, CreateShipments.CreateShipmentsFunction.Map),
        (SyncCarrierStatus.SyncCarrierStatusFunction.Definition, SyncCarrierStatus.SyncCarrierStatusFunction.Map),
        (MarkDespatched.MarkDespatchedFunction.Definition, MarkDespatched.MarkDespatchedFunction.Map),
        (BigCommerceAuth.BigCommerceAuthFunction.Definition, BigCommerceAuth.BigCommerceAuthFunction.Map),
        (BigCommerceLoad.BigCommerceLoadFunction.Definition, BigCommerceLoad.BigCommerceLoadFunction.Map),
        (BigCommerceUninstall.BigCommerceUninstallFunction.Definition, BigCommerceUninstall.BigCommerceUninstallFunction.Map),
        (Health.HealthFunction.Definition, Health.HealthFunction.Map),
        (AdminProducts.AdminProductsFunction.Definition, AdminProducts.AdminProductsFunction.Map),
        (AdminShippingMappings.AdminShippingMappingsFunction.Definition, AdminShippingMappings.AdminShippingMappingsFunction.Map),
        (AdminCarrierAccounts.AdminCarrierAccountsFunction.Definition, AdminCarrierAccounts.AdminCarrierAccountsFunction.Map),
        (AdminConnections.AdminConnectionsFunction.Definition, AdminConnections.AdminConnectionsFunction.Map),
        (AdminOrders.AdminOrdersFunction.Definition, AdminOrders.AdminOrdersFunction.Map),
        (AdminReplayOrder.AdminReplayOrderFunction.Definition, AdminReplayOrder.AdminReplayOrderFunction.Map),
    ];

    public static IReadOnlyList<FunctionDefinition> All { get; } = Functions.Select(f => f.Definition).ToList();

    public static void MapAll(IEndpointRouteBuilder app)
    {
        foreach (var function in Functions)
            function.Map(app);
    }
}
