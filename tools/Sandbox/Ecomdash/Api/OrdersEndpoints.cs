using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static Sandbox.Ecomdash.EndpointExtensions;

namespace Sandbox.Ecomdash;

/// <summary>
/// Sales orders: getOrders (filter body UNCONFIRMED, shaped like a public PHP client's), getOrder, an order's line
/// items (path UNCONFIRMED) and an order's shipments (path UNCONFIRMED; the order id is in the URL, as on the portal).
/// </summary>
internal sealed class OrdersEndpoints(EcomdashSimulator sim)
{
    private static readonly string[] Statuses = ["New", "InProcess", "Complete"];
    private static readonly string[] DateTypes = ["CreatedDate", "OrderDate"];

    public void Map(RouteGroupBuilder api)
    {
        api.MapPost("/orders/getOrders", (HttpRequest request) => GetOrdersAsync(request)).Is(EcomdashOperations.GetOrders);
        api.MapPost("/orders/getOrder", (HttpRequest request) => GetOrderAsync(request)).Is(EcomdashOperations.GetOrder);
        api.MapPost("/orders/getLineItems", (HttpRequest request) => GetLineItemsAsync(request)).Is(EcomdashOperations.GetOrderLineItems);
        api.MapGet("/orders/{id}/shipments", (string id, HttpRequest request) => GetShipments(id, request)).Is(EcomdashOperations.GetOrderShipments);
    }

    // {Status?, DateType?: CreatedDate|OrderDate, FromDate?, ToDate?, Pagination?: {PageNumber, ResultsPerPage}};
    // both dates inclusive, a date without a time is midnight UTC; oldest first, so paging is stable.
    private async Task<IResult> GetOrdersAsync(HttpRequest request)
    {
        var body = (await RequestJson.ReadObjectAsync(request)).AllowOnly("Status", "DateType", "FromDate", "ToDate", "Pagination");
        var status = body.String("Status");
        var dateType = body.String("DateType") ?? "CreatedDate";
        var from = body.Date("FromDate");
        var to = body.Date("ToDate");
        var pagination = body.Object("Pagination")?.AllowOnly("PageNumber", "ResultsPerPage");
        var (paging, pagingProblem) = EcomdashPaging.From(pagination?.Int("PageNumber"), pagination?.Int("ResultsPerPage"));

        if (status is not null && !Statuses.Contains(status, StringComparer.Ordinal))
            return Envelope(EcomdashEnvelope.Failure($"'{status}' is not a valid Status. Valid values are {string.Join(", ", Statuses)}."));
        if (!DateTypes.Contains(dateType, StringComparer.Ordinal))
            return Envelope(EcomdashEnvelope.Failure($"'{dateType}' is not a valid DateType. Valid values are {string.Join(", ", DateTypes)}."));
        if (from > to)
            return Envelope(EcomdashEnvelope.Failure("FromDate must not be later than ToDate."));
        if (pagingProblem is not null)
            return Envelope(EcomdashEnvelope.Failure(pagingProblem));

        var account = request.EcomdashAccount();
        lock (sim.Lock)
        {
            var orders = account.Orders
                .Where(o => status is null || o.Status.ToString() == status)
                .Where(o => InRange(dateType == "OrderDate" ? o.OrderDate : o.CreatedDate, from, to))
                .OrderBy(o => o.CreatedDate).ThenBy(o => o.Id)
                .Select(o => OrderDto.From(o, account))
                .ToList();
            var (page, pages) = paging.Apply(orders);
            return Envelope(EcomdashEnvelope.Success(page, pages));
        }
    }

    private async Task<IResult> GetOrderAsync(HttpRequest request)
    {
        var body = (await RequestJson.ReadObjectAsync(request)).AllowOnly("OrderId");
        var account = request.EcomdashAccount();
        lock (sim.Lock)
        {
            if (FindOrder(account, body) is not { } order)
                return Envelope(EcomdashEnvelope.Failure(NotFound(body)));
            return Envelope(EcomdashEnvelope.Success(OrderDto.From(order, account)));
        }
    }

    private async Task<IResult> GetLineItemsAsync(HttpRequest request)
    {
        var body = (await RequestJson.ReadObjectAsync(request)).AllowOnly("OrderId");
        var account = request.EcomdashAccount();
        lock (sim.Lock)
        {
            if (FindOrder(account, body) is not { } order)
                return Envelope(EcomdashEnvelope.Failure(NotFound(body)));
            var lines = order.Lines.Select(LineItemDto.From).ToList();
            return Envelope(EcomdashEnvelope.Success(lines, new EcomdashPagination(1, lines.Count, 1)));
        }
    }

    private IResult GetShipments(string id, HttpRequest request)
    {
        var orderId = DecimalId.FromRoute(id, "id");
        var account = request.EcomdashAccount();
        lock (sim.Lock)
        {
            if (DecimalId.ToLong(orderId) is not { } known || account.Order(known) is not { } order)
                return Envelope(EcomdashEnvelope.Failure($"Sales order {orderId} was not found."));
            var shipments = account.Shipments.Where(s => s.OrderId == order.Id).Select(s => ShipmentDto.From(s, order, account)).ToList();
            return Envelope(EcomdashEnvelope.Success(shipments, messages: [$"Found {shipments.Count} shipments associated with sales order {order.Id}"]));
        }
    }

    private static SimOrder? FindOrder(EcomdashAccount account, RequestObject body) =>
        DecimalId.ToLong(body.Decimal("OrderId")) is { } id ? account.Order(id) : null;

    private static string NotFound(RequestObject body) =>
        body.Decimal("OrderId") is { } id ? $"No sales order with an Id of {id} was found." : "OrderId is required.";

    private static bool InRange(DateTimeOffset value, DateTimeOffset? from, DateTimeOffset? to) =>
        (from is null || value >= from) && (to is null || value <= to);
}
