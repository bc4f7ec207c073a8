using System.Text;
using System.Text.Json.Nodes;
using Fulfilment.Connections;
using Fulfilment.Partners;
using Fulfilment.Storage;
using Fulfilment.Tracking;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fulfilment.Carriers.Ekart;

/// <summary>
/// Ekart's tracking webhooks on the partner-neutral route <c>POST /api/carriers/ekart/webhook</c> (the function key
/// guards the route; each account's URL may add <c>&amp;account=&lt;id&gt;</c>). Each request must carry the HMAC of its
/// raw body with an Ekart account's webhook secret in <see cref="EkartOptions.WebhookSignatureHeader"/>: unsigned,
/// forged, stale or far-future events get 401; a signed body that is not an event gets 400; unknown fields are fine.
/// The event is stored raw and queued (<see cref="TrackingEventIntake"/>), so the answer is fast; a duplicate is 200 and
/// changes nothing.
/// </summary>
public sealed class EkartWebhooks(
    ICarrierAccountStore accounts,
    TrackingEventIntake intake,
    IOptionsMonitor<EkartOptions> options,
    TimeProvider time,
    ILogger<EkartWebhooks> logger) : ICarrierWebhooks
{
    /// <summary>No tracking event comes near this; a larger body is refused unread.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public string Partner => EkartCarrier.CarrierName;

    public async Task<PartnerHttpResponse> HandleAsync(PartnerHttpRequest request, CancellationToken cancellationToken)
    {
        if (!string.Equals(request.Method, "POST", StringComparison.OrdinalIgnoreCase))
            return Answer(405, "POST only");
        if (request.Body.Length > MaxBodyBytes)
            return Answer(413, "too large for a tracking event");
        var current = options.CurrentValue;
        var signature = request.Header(current.WebhookSignatureHeader);
        if (string.IsNullOrWhiteSpace(signature))
        {
            logger.LogWarning("Ekart webhook without a {Header} header refused.", current.WebhookSignatureHeader);
            return Answer(401, "unsigned");
        }

        var account = await SignerAsync(request, signature, cancellationToken);
        if (account is null)
        {
            logger.LogWarning("Ekart webhook with a signature no account's secret gives refused ({Bytes} bytes).", request.Body.Length);
            return Answer(401, "bad signature");
        }

        var (received, problem) = EkartWebhookEventReader.Read(request.Body);
        if (received is null)
        {
            logger.LogWarning("Signed Ekart webhook for account {AccountId} is not a tracking event: {Problem}.", account.Id, problem);
            return Answer(400, problem!);
        }
        var now = time.GetUtcNow();
        if (received.At < now - current.WebhookMaxEventAge || received.At > now + current.WebhookMaxClockSkew)
        {
            logger.LogWarning("Ekart webhook for {TrackingId} dated {At:u} refused as stale or not current.", received.TrackingId, received.At);
            return Answer(401, "stale");
        }

        var carrierEvent = EkartEvents.Event(received.Status, received.At, received.City, received.HubName, received.Description, received.EventId);
        var result = await intake.ReceiveAsync(account.Id, received.TrackingId, [carrierEvent], TrackingEventSource.Webhook,
            Encoding.UTF8.GetString(request.Body.Span), cancellationToken);
        logger.LogInformation("Ekart webhook for {TrackingId} of account {AccountId}: {Status} at {At:u} ({Outcome}).", received.TrackingId, account.Id,
            received.Status, received.At, result.Added > 0 ? "new" : "duplicate");
        return new PartnerHttpResponse(200, "application/json",
            new JsonObject { ["received"] = true, ["duplicate"] = result.Added == 0, ["known"] = result.ShipmentKnown }.ToJsonString());
    }

    /// <summary>
    /// The Ekart account whose webhook secret signed the body: the one named by <c>?account=</c>, or any Ekart account
    /// (the route is shared by every account; each secret is tried in constant time).
    /// </summary>
    private async Task<CarrierAccount?> SignerAsync(PartnerHttpRequest request, string signature, CancellationToken cancellationToken)
    {
        var named = request.QueryValue("account").Trim();
        var candidates = (await accounts.ListAsync(cancellationToken))
            .Where(a => string.Equals(a.Carrier, EkartCarrier.CarrierName, StringComparison.OrdinalIgnoreCase))
            .Where(a => named.Length == 0 || string.Equals(a.Id, named, StringComparison.Ordinal));
        return candidates.FirstOrDefault(a => a.Credential(EkartAccount.WebhookSecret) is { } secret
            && EkartWebhookSignature.IsValid(request.Body.Span, secret, signature));
    }

    private static PartnerHttpResponse Answer(int status, string message) =>
        new(status, "application/json", new JsonObject { ["error"] = message }.ToJsonString());
}
