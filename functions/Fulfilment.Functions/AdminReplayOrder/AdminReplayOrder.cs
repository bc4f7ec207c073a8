using Fulfilment.Functions.Host;
using Fulfilment.Functions.Http;
using Fulfilment.Orders;
using Fulfilment.Pipeline;
using Fulfilment.Storage;

namespace Fulfilment.Functions.AdminReplayOrder;

/// <summary>
/// HTTP POST: sends an order that needs attention back through the pipeline from where it stopped (202 {resumedAs});
/// 404 for an unknown order, 409 when it does not need attention. Fix the cause (mapping, product, key) first.
/// </summary>
public static class AdminReplayOrderFunction
{
    public static readonly FunctionDefinition Definition = FunctionDefinition.Http("AdminReplayOrder",
        ApiEndpoints.ManagementPrefix + "/orders/{connectionId}/{channelOrderId}/replay", "function", "post");

    public static void Map(IEndpointRouteBuilder app) => app.MapHttpFunction(Definition, "post", ReplayAsync);

    private static async Task<IResult> ReplayAsync(HttpContext http, string connectionId, string channelOrderId)
    {
        if (await RequestJson.EnsureNoBodyAsync(http.Request) is { } problem)
            return problem;
        var key = new OrderKey(connectionId, channelOrderId);
        var services = http.RequestServices;
        // Checked first for clear answers; OrderReplay re-reads and its ETag-guarded save settles any race (409).
        var order = await services.GetRequiredService<IOrderStore>().GetAsync(key, http.RequestAborted);
        if (order is null)
            return ApiResults.NotFound($"There is no order {key}.");
        if (order.State != OrderState.NeedsAttention)
            return ApiResults.Conflict($"Order {key} is {order.State}; only an order that needs attention can be replayed.");

        OrderState? resumed;
        try
        {
            resumed = await services.GetRequiredService<OrderReplay>().ReplayAsync(key, http.RequestAborted);
        }
        catch (InvalidOperationException ex)
        {
            return ApiResults.Conflict(ex.Message);
        }
        if (resumed is null)
            return ApiResults.NotFound($"There is no order {key}.");
        services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AdminReplayOrderFunction))
            .LogInformation("Order {OrderKey} replayed from {State}.", key.ToString(), resumed.Value);
        return ApiResults.Status(StatusCodes.Status202Accepted, new { resumedAs = resumed.Value });
    }
}
