using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sandbox.BigCommerce.Api;
using Sandbox.BigCommerce.State;

namespace Sandbox.BigCommerce;

// The v2 order routes under /bigcommerce/api/stores/{hash}/v2 (admission is done by the group's filter).
public sealed partial class BigCommerceSimulator
{
    private void MapOrderRoutes(RouteGroupBuilder v2)
    {
        v2.MapGet("/order_statuses", () => new V2Result(200, V2OrderStatuses.All.Select(V2Payloads.OrderStatus).ToList()));
        v2.MapGet("/orders", (string hash, HttpRequest request) => ListOrders(hash, request.Query));
        v2.MapGet("/orders/count", (string hash, HttpRequest request) => CountOrders(hash, request.Query));
        v2.MapGet("/orders/{id:long}", (string hash, long id, HttpRequest request) =>
            V2OrderIncludes.Read(request.Query) is ({ } includes, _)
                ? WithOrder(hash, id, (store, order) => new V2Result(200, V2Payloads.Order(BaseUrl, store.Hash, order, includes)))
                : V2OrderIncludes.Read(request.Query).Error!);
        v2.MapPut("/orders/{id:long}", async (string hash, long id, HttpRequest request) =>
        {
            var body = await ReadJsonAsync(request);
            return WithOrder(hash, id, (store, order) => UpdateOrder(store, order, body));
        });
        v2.MapGet("/orders/{id:long}/products", (string hash, long id, HttpRequest request) =>
            WithOrder(hash, id, (_, order) => V2Result.List(V2Paging.Slice(order.Lines, request.Query).Select(l => V2Payloads.Product(order, l)).ToList())));
        // The documented path has an underscore; the order's resource link spells it without: both answer.
        foreach (var path in new[] { "/orders/{id:long}/shipping_addresses", "/orders/{id:long}/shippingaddresses" })
        {
            v2.MapGet(path, (string hash, long id, HttpRequest request) =>
                WithOrder(hash, id, (_, order) => V2Result.List(V2Paging.Slice(order.Addresses, request.Query).Select(a => V2Payloads.ShippingAddress(order, a)).ToList())));
        }
        v2.MapGet("/orders/{id:long}/shipments", (string hash, long id, HttpRequest request) =>
            WithOrder(hash, id, (store, order) => V2Result.List(V2Paging.Slice(store.Shipments.Where(s => s.OrderId == order.Id), request.Query).Select(s => V2Payloads.Shipment(order, s)).ToList())));
        v2.MapPost("/orders/{id:long}/shipments", async (string hash, long id, HttpRequest request) =>
        {
            var body = await ReadJsonAsync(request);
            return WithOrder(hash, id, (store, order) => CreateShipment(store, order, body));
        });
    }

    private V2Result ListOrders(string hash, IQueryCollection query)
    {
        if (V2OrderIncludes.Read(query) is not ({ } includes, _))
            return V2OrderIncludes.Read(query).Error!;
        V2Result answer;
        IReadOnlyList<Action> scripted;
        lock (_lock)
        {
            var store = Store(hash);
            var orders = V2OrderListing.Sort(V2OrderListing.Filter(store.Orders, query), query["sort"], store.TieOrder);
            answer = V2Result.List(V2Paging.Slice(orders, query).Select(o => V2Payloads.Order(BaseUrl, store.Hash, o, includes)).ToList());
            scripted = store.ListScript.Answered();
        }
        // Before the answer is sent, so the change lands between this page and the client's next request.
        foreach (var change in scripted)
            change();
        return answer;
    }

    private V2Result CountOrders(string hash, IQueryCollection query)
    {
        lock (_lock)
        {
            var orders = V2OrderListing.Filter(Store(hash).Orders, query).ToList();
            return new V2Result(200, new
            {
                statuses = V2OrderStatuses.All.Select((s, i) => new { id = s.Id, name = s.Name, system_label = s.Name, custom_label = s.Name, count = orders.Count(o => o.StatusId == s.Id), sort_order = i }).ToList(),
                count = orders.Count,
            });
        }
    }

    private V2Result UpdateOrder(SimStore store, SimOrder order, JsonElement? body)
    {
        if (body is not { ValueKind: JsonValueKind.Object } b || !b.TryGetProperty("status_id", out var s) || !s.TryGetInt32(out var status)
            || !V2OrderStatuses.Exists(status))
            return V2Result.Error(400, "The field 'status_id' is invalid.");
        var previousStatus = order.StatusId;
        order.StatusId = status;
        order.Touch(Time.GetUtcNow());
        RaiseOrderEvents(store, order, previousStatus);
        return new V2Result(200, V2Payloads.Order(BaseUrl, store.Hash, order, V2OrderIncludes.None));
    }

    private V2Result CreateShipment(SimStore store, SimOrder order, JsonElement? body)
    {
        var (request, error) = V2ShipmentRequest.Read(body, order);
        if (request is null)
            return error!;
        var now = Time.GetUtcNow();
        var previousStatus = order.StatusId;
        var shipment = SimShipments.Record(store, order, new BigCommerceSimShipment(_nextShipmentId++, order.Id, request.OrderAddressId, request.TrackingNumber,
            request.ShippingProvider, request.TrackingCarrier, request.ShippingMethod, request.Comments, request.Items, now), now);
        RaiseOrderEvents(store, order, previousStatus);
        return new V2Result(201, V2Payloads.Shipment(order, shipment));
    }

    /// <summary>Runs <paramref name="action"/> on the order under the lock, or answers 404 when the store has no such order.</summary>
    private V2Result WithOrder(string hash, long orderId, Func<SimStore, SimOrder, V2Result> action)
    {
        lock (_lock)
        {
            var store = Store(hash);
            var order = store.Orders.FirstOrDefault(o => o.Id == orderId);
            return order is null ? V2Result.NotFound() : action(store, order);
        }
    }

    /// <summary>The body as JSON, or null when it is not JSON (the handler answers 400 as BigCommerce would).</summary>
    private static async Task<JsonElement?> ReadJsonAsync(HttpRequest request)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
