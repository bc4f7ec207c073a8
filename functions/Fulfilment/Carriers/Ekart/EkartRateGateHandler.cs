using Fulfilment.Storage;
using Microsoft.Extensions.Options;

namespace Fulfilment.Carriers.Ekart;

/// <summary>
/// Waits for the account's shared request budget before every attempt (inside the resilience handler, so retries count
/// too): every instance together stays under <see cref="EkartOptions.RequestsPerSecond"/> per account.
/// </summary>
public sealed class EkartRateGateHandler(IDistributedRateGate gate, IOptionsMonitor<EkartOptions> options) : DelegatingHandler
{
    /// <summary>Gate key prefix; the account id follows.</summary>
    public const string KeyPrefix = "ekart:";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var accountId = request.Options.TryGetValue(EkartClient.AccountIdOption, out var id) ? id : "";
        await gate.WaitAsync(KeyPrefix + accountId, options.CurrentValue.RequestsPerSecond, cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
