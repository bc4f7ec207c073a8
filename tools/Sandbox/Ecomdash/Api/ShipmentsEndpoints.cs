using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static Sandbox.Ecomdash.EndpointExtensions;

namespace Sandbox.Ecomdash;

/// <summary>
/// Despatch write-back: Shipments/Create (body UNCONFIRMED) allocates order lines to a shipment and answers its
/// ShipmentId and ShipmentItem ids; Shipments/submitTrackingInfo (body from the portal) ships them.
/// </summary>
internal sealed class ShipmentsEndpoints(EcomdashSimulator sim)
{
    public void Map(RouteGroupBuilder api)
    {
        api.MapPost("/Shipments/Create", (HttpRequest request) => CreateAsync(request)).Is(EcomdashOperations.CreateShipment);
        api.MapPost("/Shipments/submitTrackingInfo", (HttpRequest request) => SubmitTrackingAsync(request)).Is(EcomdashOperations.SubmitTrackingInfo);
    }

    // {OrderId, ShippedDate?, LineItems?: [{OrderLineItemId, Quantity}]}. Without LineItems, everything physical not yet
    // in a shipment. All or nothing: any bad line, unknown id or over-shipped quantity fails the whole call.
    private async Task<IResult> CreateAsync(HttpRequest request)
    {
        var body = (await RequestJson.ReadObjectAsync(request)).AllowOnly("OrderId", "ShippedDate", "LineItems");
        var orderId = body.Decimal("OrderId");
        var shippedDate = body.Date("ShippedDate");
        var requested = body.Array("LineItems")?.Select((element, i) =>
        {
            var item = RequestObject.From(element, $"request.LineItems[{i}]").AllowOnly("OrderLineItemId", "Quantity");
            return (Index: i, LineId: item.Decimal("OrderLineItemId"), Quantity: item.Decimal("Quantity"));
        }).ToList();

        if (orderId is null)
            return Envelope(EcomdashEnvelope.Failure("OrderId is required."));
        var account = request.EcomdashAccount();
        lock (sim.Lock)
        {
            if (DecimalId.ToLong(orderId) is not { } id || account.Order(id) is not { } order)
                return Envelope(EcomdashEnvelope.Failure($"No sales order with an Id of {orderId} was found."));

            var (allocations, problems) = requested is null ? AllRemaining(account, order) : Requested(account, order, requested);
            if (problems.Count > 0)
                return Envelope(EcomdashEnvelope.Failure([.. problems]));

            var shipment = new SimShipment
            {
                Id = sim.Ids.Shipment(),
                OrderId = order.Id,
                ShipmentNumber = (account.Shipments.Count(s => s.OrderId == order.Id) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                CreatedAt = sim.Time.GetUtcNow(),
                ShippedDate = shippedDate,
            };
            foreach (var (line, quantity) in allocations)
                shipment.Items.Add(new SimShipmentItem { Id = sim.Ids.ShipmentItem(), LineId = line.Id, Quantity = quantity });
            account.Shipments.Add(shipment);
            return Envelope(EcomdashEnvelope.Success(ShipmentDto.From(shipment, order, account)));
        }
    }

    private static (List<(SimLine, decimal)>, List<string>) AllRemaining(EcomdashAccount account, SimOrder order)
    {
        var allocations = order.Lines.Where(l => !l.IsDigital)
            .Select(l => (Line: l, Quantity: ShipmentLedger.Remaining(account, l)))
            .Where(a => a.Quantity > 0)
            .ToList();
        return allocations.Count == 0
            ? ([], [$"Sales order {order.Id} has nothing left to ship."])
            : (allocations, []);
    }

    private static (List<(SimLine, decimal)>, List<string>) Requested(
        EcomdashAccount account, SimOrder order, IReadOnlyList<(int Index, decimal? LineId, decimal? Quantity)> requested)
    {
        var allocations = new List<(SimLine, decimal)>();
        var problems = new List<string>();
        if (requested.Count == 0)
            problems.Add("LineItems must not be empty; leave it out to ship everything that remains.");
        foreach (var (index, lineId, quantity) in requested)
        {
            var line = DecimalId.ToLong(lineId) is { } id ? order.Lines.FirstOrDefault(l => l.Id == id) : null;
            if (lineId is null)
                problems.Add($"Index {index}: OrderLineItemId is required.");
            else if (line is null)
                problems.Add($"Index {index}: Line item {lineId} is not on sales order {order.Id}.");
            else if (allocations.Any(a => a.Item1 == line))
                problems.Add($"Index {index}: Line item {lineId} is listed more than once.");
            else if (quantity is not > 0)
                problems.Add($"Index {index}: Quantity must be greater than 0.");
            else if (quantity > ShipmentLedger.Remaining(account, line))
                problems.Add($"Index {index}: Cannot ship {quantity} of line item {lineId}; {ShipmentLedger.Remaining(account, line)} remain to be shipped.");
            else
                allocations.Add((line, quantity.Value));
        }
        return (allocations, problems);
    }

    // [{ShipmentId, CarrierId?, TrackingNumber?, ShippedDate?, EstimatedDeliveryDate?, LineItems?: [{LineItemId, CarrierId?, TrackingNumber?}]}]
    // Each element stands alone: the good ones apply, the bad ones come back as "Index N: …" (Partial Success).
    private async Task<IResult> SubmitTrackingAsync(HttpRequest request)
    {
        var elements = (await RequestJson.ReadArrayAsync(request)).Select(ReadSubmission).ToList();
        if (elements.Count == 0)
            return Envelope(EcomdashEnvelope.Failure("No tracking information was given."));

        var account = request.EcomdashAccount();
        var problems = new List<string>();
        lock (sim.Lock)
        {
            var now = sim.Time.GetUtcNow();
            for (var i = 0; i < elements.Count; i++)
            {
                if (TrackingSubmission.Validate(account, elements[i]) is { } problem)
                    problems.Add($"Index {i}: {problem}");
                else
                    TrackingSubmission.Apply(account, elements[i], now);
            }
        }
        return Envelope(EcomdashEnvelope.FromItems(elements.Count - problems.Count, problems));
    }

    private static TrackingRequest ReadSubmission(JsonElement element, int index)
    {
        var item = RequestObject.From(element, $"request[{index}]")
            .AllowOnly("ShipmentId", "CarrierId", "TrackingNumber", "ShippedDate", "EstimatedDeliveryDate", "LineItems");
        var lines = item.Array("LineItems")?.Select((line, j) =>
        {
            var lineItem = RequestObject.From(line, $"{item.Path}.LineItems[{j}]").AllowOnly("LineItemId", "CarrierId", "TrackingNumber");
            return new TrackingLineRequest(lineItem.Decimal("LineItemId"), lineItem.Decimal("CarrierId"), lineItem.String("TrackingNumber"));
        }).ToList();
        return new TrackingRequest(item.Decimal("ShipmentId"), item.Decimal("CarrierId"), item.String("TrackingNumber"),
            item.Date("ShippedDate"), item.Date("EstimatedDeliveryDate"), lines);
    }
}
