using Fulfilment.Storage;
using Microsoft.Extensions.Options;

namespace Fulfilment.Carriers.ClickAndDrop;

/// <summary>
/// Waits for the account's shared request budget before every attempt (it sits inside the resilience handler, so
/// retries are counted too): all instances together stay under Click &amp; Drop's per-account requests per second.
/// </summary>
public sealed class ClickAndDropRateGateHandler(IDistributedRateGate gate, IOptionsMonitor<ClickAndDropOptions> options) : DelegatingHandler
{
    /// <summary>Gate key prefix; the account id follows.</summary>
    public const string KeyPrefix = "clickanddrop:";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var accountId = request.Options.TryGetValue(ClickAndDropClient.AccountIdOption, out var id) ? id : "";
        await gate.WaitAsync(KeyPrefix + accountId, options.CurrentValue.RequestsPerSecond, cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
