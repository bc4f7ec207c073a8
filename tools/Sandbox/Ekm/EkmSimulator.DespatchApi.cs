using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sandbox.Ekm.Auth;

namespace Sandbox.Ekm;

// Despatch write-back: PUT /api/v2/orders/{id}/deliveryTracking and PUT /api/v2/orders/{id}/status, each answering the
// updated order. Every applied write-back is recorded per order, so tests can check their order and count.
public sealed partial class EkmSimulator
{
    private void MapDespatchRoutes(RouteGroupBuilder api)
    {
        var write = new EkmRequiredScope(EkmScopes.OrdersWrite);
        api.MapPut("/v2/orders/{id:long}/deliveryTracking", (HttpContext http, long id) => UpdateTrackingAsync(http, id)).WithMetadata(write);
        api.MapPut("/v2/orders/{id:long}/status", (HttpContext http, long id) => UpdateStatusAsync(http, id)).WithMetadata(write);
    }

    private async Task<EkmResult> UpdateTrackingAsync(HttpContext http, long id)
    {
        var (body, error) = await EkmJsonBody.ReadAsync(http.Request);
        if (body is null)
            return error!;
        // All three are optional and nullable in V1OrderDeliveryTracking; the PUT replaces them (absent = null).
        if (!body.TryGetString("delivery_tracking_number", out var number, out error)
            || !body.TryGetString("delivery_tracking_company", out var company, out error)
            || !body.TryGetString("delivery_tracking_url", out var url, out error))
            return error!;
        var caller = Caller(http);
        return WriteBack(http, id, order =>
        {
            order.DeliveryTrackingNumber = number;
            order.DeliveryTrackingCompany = company;
            order.DeliveryTrackingUrl = url;
            return new EkmWriteBack(id, EkmWriteBackKind.DeliveryTracking, number, company, url, null, null, caller.ClientId, Time.GetUtcNow());
        });
    }

    private async Task<EkmResult> UpdateStatusAsync(HttpContext http, long id)
    {
        var (body, error) = await EkmJsonBody.ReadAsync(http.Request);
        if (body is null)
            return error!;
        if (!body.TryGetString("status", out var status, out error) || !body.TryGetBoolean("email_customer", false, out var emailCustomer, out error))
            return error!;
        if (string.IsNullOrEmpty(status))
            return EkmEnvelope.BadRequest("status", "The status field is required."); // the spec's example
        lock (_lock)
        {
            // The upper-case form that order JSON uses (e.g. DISPATCHED); whether EKM also takes "Dispatched" is UNCONFIRMED.
            if (!Shop(Caller(http).Username).HasStatusCode(status))
                return EkmEnvelope.BadRequest("status", $"'{status}' is not a valid order status.");
        }
        var caller = Caller(http);
        return WriteBack(http, id, order =>
        {
            order.Status = status;
            order.Emailed |= emailCustomer;
            return new EkmWriteBack(id, EkmWriteBackKind.Status, null, null, null, status, emailCustomer, caller.ClientId, Time.GetUtcNow());
        });
    }

    private EkmResult WriteBack(HttpContext http, long id, Func<EkmStoredOrder, EkmWriteBack> apply)
    {
        IReadOnlyList<EkmWebhookSubscription> subscribers = [];
        var result = WithOrder(http, id, (shop, order) =>
        {
            shop.WriteBacks.Add(apply(order));
            order.LastUpdated = Time.GetUtcNow();
            if (Options.FireOrderUpdatedOnApiWrites)
                subscribers = Subscribers(shop, EkmTopics.OrderUpdated);
            return EkmEnvelope.Ok(EkmJsonMapper.Order(order));
        });
        _webhooks.Dispatch(subscribers, EkmTopics.OrderUpdated, Caller(http).Username, id);
        return result;
    }
}
