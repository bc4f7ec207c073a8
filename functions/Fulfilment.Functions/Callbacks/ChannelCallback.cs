using Fulfilment.Functions.Http;
using Fulfilment.Pipeline;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Callbacks;

/// <summary>
/// HTTP (anonymous): every callback a channel sends us (install and OAuth callbacks, signed app callbacks, order
/// webhooks), dispatched to the channel named in the route. Each channel authenticates its own requests.
/// </summary>
public sealed class ChannelCallback(PartnerRegistry partners)
{
    [Function(nameof(ChannelCallback))]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "channels/{channel}/{action}")] HttpRequest request)
    {
        var channel = request.RouteValues["channel"] as string ?? "";
        if (partners.FindChannelCallbacks(channel) is not { } callbacks)
            return ApiResults.NotFound($"There is no channel '{channel}' with callbacks.");
        if (await PartnerRequests.ReadAsync(request, request.RouteValues["action"] as string ?? "") is not { } partnerRequest)
            return PartnerRequests.TooLarge();
        return PartnerRequests.ToResult(await callbacks.HandleAsync(partnerRequest, request.HttpContext.RequestAborted));
    }
}
