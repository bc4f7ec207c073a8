using Fulfilment.Functions.Http;
using Fulfilment.Orders;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Manage;

/// <summary>
/// HTTP POST: sends an order that needs attention back through the pipeline from where it stopped (202 {resumedAs});
/// 404 for an unknown order, 409 when it does not need attention. Fix the cause (mapping, product, key) first.
/// </summary>
public sealed class AdminReplayOrder(IOrderStore orders, OrderReplay replay, ILogger<AdminReplayOrder> logger)
{
    [Function(nameof(AdminReplayOrder))]
    public async Task<IResult> ReplayAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Manage + "/orders/{connectionId}/{channelOrderId}/replay")] HttpRequest request)
    {
        var http = request.HttpContext;
        if (await RequestJson.EnsureNoBodyAsync(request) is { } problem)
            return problem;
        var key = new OrderKey((string)request.RouteValues["connectionId"]!, (string)request.RouteValues["channelOrderId"]!);
        // Checked first for clear answers; OrderReplay re-reads and its ETag-guarded save settles any race (409).
        var order = await orders.GetAsync(key, http.RequestAborted);
        if (order is null)
            return ApiResults.NotFound($"There is no order {key}.");
        if (order.State != OrderState.NeedsAttention)
            return ApiResults.Conflict($"Order {key} is {order.State}; only an order that needs attention can be replayed.");

        OrderState? resumed;
        try
        {
            resumed = await replay.ReplayAsync(key, http.RequestAborted);
        }
        catch (InvalidOperationException ex)
        {
            return ApiResults.Conflict(ex.Message);
        }
        if (resumed is null)
            return ApiResults.NotFound($"There is no order {key}.");
        logger.LogInformation("Order {OrderKey} replayed from {State}.", key.ToString(), resumed.Value);
        return ApiResults.Status(StatusCodes.Status202Accepted, new { resumedAs = resumed.Value });
    }
}
