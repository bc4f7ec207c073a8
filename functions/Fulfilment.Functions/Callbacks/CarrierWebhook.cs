using Fulfilment.Functions.Http;
using Fulfilment.Pipeline;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Callbacks;

/// <summary>
/// HTTP (function key): a carrier's tracking webhook, dispatched to the carrier named in the route, which also checks
/// the request's own signature. It answers fast: the carrier's handler stores the event and queues the work.
/// </summary>
public sealed class CarrierWebhook(PartnerRegistry partners)
{
    [Function(nameof(CarrierWebhook))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "carriers/{carrier}/webhook")] HttpRequest request)
    {
        var carrier = request.RouteValues["carrier"] as string ?? "";
        if (partners.FindCarrierWebhooks(carrier) is not { } webhooks)
            return ApiResults.NotFound($"There is no carrier '{carrier}' with webhooks.");
        if (await PartnerRequests.ReadAsync(request, "webhook") is not { } partnerRequest)
            return PartnerRequests.TooLarge();
        return PartnerRequests.ToResult(await webhooks.HandleAsync(partnerRequest, request.HttpContext.RequestAborted));
    }
}
