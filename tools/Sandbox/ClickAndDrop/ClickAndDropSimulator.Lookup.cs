using System.Globalization;
using Microsoft.AspNetCore.Http;
using Sandbox.ClickAndDrop.Wire;

namespace Sandbox.ClickAndDrop;

// Reading and deleting orders: by identifiers (ids or quoted references; a reference may match several orders), and
// the paged list.
public sealed partial class ClickAndDropSimulator
{
    /// <summary><c>GET /orders/{orderIdentifiers}</c>: every matching order; 404 with one error per identifier when none matched.</summary>
    private IResult GetOrders(HttpContext http, ClickAndDropOrderIdentifiers identifiers)
    {
        if (identifiers.Error is { } error)
            return ClickAndDropApiResults.BadOrderRequest(identifiers.ErrorCode!, error);
        List<SimulatedClickAndDropOrder> found;
        lock (_lock) found = FindLocked(Caller(http), identifiers.Items);
        return found.Count == 0
            ? ClickAndDropApiResults.NoneFound(identifiers.Items)
            : ClickAndDropApiResults.Ok(found.Select(OrderInfo.Of).ToList());
    }

    /// <summary><c>DELETE /orders/{orderIdentifiers}</c>: deletes every match; identifiers that match nothing are listed as errors.</summary>
    private IResult DeleteOrders(HttpContext http, ClickAndDropOrderIdentifiers identifiers)
    {
        if (identifiers.Error is { } error)
            return ClickAndDropApiResults.BadOrderRequest(identifiers.ErrorCode!, error);
        var account = Caller(http);
        var deleted = new List<DeletedOrderInfo>();
        var errors = new List<OrderErrorInfo>();
        lock (_lock)
        {
            foreach (var identifier in identifiers.Items)
            {
                var matches = FindLocked(account, [identifier]);
                if (matches.Count == 0)
                    errors.Add(new OrderErrorInfo(identifier.OrderIdentifier, identifier.OrderReference, ClickAndDropApiResults.OrderNotFoundCode, "Order not found."));
                foreach (var order in matches)
                {
                    _orders[order.OrderIdentifier] = order with { Deleted = true };
                    deleted.Add(new DeletedOrderInfo(order.OrderIdentifier, order.OrderReference, "Deleted"));
                }
            }
        }
        return ClickAndDropApiResults.Ok(new DeleteOrdersResult(deleted, errors));
    }

    /// <summary><c>GET /orders</c>: pages of the account's orders by creation time; the token is the last order id of the page.</summary>
    private IResult ListOrders(HttpContext http)
    {
        var query = http.Request.Query;
        var pageSize = 25;
        if (query.TryGetValue("pageSize", out var size) && (!int.TryParse(size, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > 100))
            return ClickAndDropApiResults.Error(400, "InvalidPageSize", "pageSize must be between 1 and 100.");
        if (!TryDate(query["startDateTime"], out var start) || !TryDate(query["endDateTime"], out var end))
            return ClickAndDropApiResults.Error(400, "InvalidDateTime", "startDateTime and endDateTime must be date-times.");
        long after = 0;
        if (query.TryGetValue("continuationToken", out var token) && !long.TryParse(token, CultureInfo.InvariantCulture, out after))
            return ClickAndDropApiResults.Error(400, "InvalidContinuationToken", "The continuation token is not one this API issued.");

        var account = Caller(http);
        List<SimulatedClickAndDropOrder> matching;
        lock (_lock)
            matching = _orders.Values
                .Where(o => o.AccountId == account.Id && !o.Deleted && o.OrderIdentifier > after)
                .Where(o => (start is null || o.CreatedOn >= start) && (end is null || o.CreatedOn <= end))
                .Take(pageSize + 1)
                .ToList();
        var page = matching.Take(pageSize).ToList();
        var next = matching.Count > pageSize ? page[^1].OrderIdentifier.ToString(CultureInfo.InvariantCulture) : null;
        return ClickAndDropApiResults.Ok(new OrdersPage(page.Select(OrderInfo.Of).ToList(), next));
    }

    private static bool TryDate(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text)) return true;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)) return false;
        value = parsed;
        return true;
    }
}
