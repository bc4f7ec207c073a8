using Fulfilment.Functions.Http;
using Fulfilment.Orders;
using Fulfilment.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Manage;

/// <summary>An order as operators see it: where it is, why, what the carrier knows, and its history.</summary>
public sealed record OrderView(string Key, string ConnectionId, string ChannelOrderId, string Channel, string? ChannelOrderNumber,
    OrderState State, string? Reason, OrderState? ResumeState, string? CarrierShipmentId, string? TrackingNumber,
    DateTimeOffset ImportedAt, DateTimeOffset UpdatedAt, IReadOnlyList<OrderTransition> History)
{
    public static OrderView From(FulfilmentOrder o) => new(o.Key.ToString(), o.Key.ConnectionId, o.Key.ChannelOrderId, o.Channel,
        o.Snapshot.OrderNumber ?? o.Snapshot.ChannelOrderId, o.State, o.Reason, o.ResumeState, o.CarrierShipmentId, o.TrackingNumber,
        o.ImportedAt, o.UpdatedAt, o.History);
}

/// <summary>A page of orders; <see cref="More"/> says more matched than <c>take</c>.</summary>
public sealed record OrderList(IReadOnlyList<OrderView> Orders, int Count, bool More);

/// <summary>HTTP GET: orders, optionally of one state and/or connection, at most <c>take</c> (default 100, max 1000).</summary>
public sealed class AdminOrders(IOrderStore store)
{
    public const int DefaultTake = 100, MaxTake = 1000;

    [Function(nameof(AdminOrders))]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Manage + "/orders")] HttpRequest request)
    {
        var query = request.Query;
        OrderState? state = null;
        var stateText = query["state"].ToString().Trim();
        if (stateText.Length > 0)
        {
            // Names only: Enum.TryParse would also take "3" or "1,2".
            var match = Enum.GetNames<OrderState>().FirstOrDefault(n => string.Equals(n, stateText, StringComparison.OrdinalIgnoreCase));
            if (match is null)
                return ApiResults.BadRequest($"Unknown state '{stateText}'.", [$"Valid states: {string.Join(", ", Enum.GetNames<OrderState>())}"]);
            state = Enum.Parse<OrderState>(match);
        }
        var take = DefaultTake;
        var takeText = query["take"].ToString().Trim();
        if (takeText.Length > 0 && (!int.TryParse(takeText, out take) || take < 1 || take > MaxTake))
            return ApiResults.BadRequest($"take must be a whole number from 1 to {MaxTake} (default {DefaultTake}).");
        var connectionId = query["connectionId"].ToString().Trim();

        var orders = new List<OrderView>(Math.Min(take, DefaultTake));
        var more = false;
        await foreach (var order in store.ListAsync(state, connectionId.Length == 0 ? null : connectionId, request.HttpContext.RequestAborted))
        {
            if (orders.Count == take)
            {
                more = true;
                break;
            }
            orders.Add(OrderView.From(order));
        }
        return ApiResults.Ok(new OrderList(orders, orders.Count, more));
    }
}
