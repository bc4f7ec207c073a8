namespace Fulfilment.Channels.BigCommerce;

/// <summary>
/// Outermost handler: a call waits at the <see cref="BigCommerceStoreGate"/> before the resilience pipeline starts, so
/// a wait for the quota window never eats the call's timeouts, and holds its place until it is over.
/// </summary>
internal sealed class BigCommerceStoreGateHandler(BigCommerceStoreGate gate) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (BigCommerceRequest.GetStoreHash(request) is not { } store)
            return await base.SendAsync(request, cancellationToken);
        using var permit = await gate.EnterAsync(store, cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }
}

/// <summary>
/// Innermost handler: shows the gate every attempt's answer, retried ones included, so a 429 one call meets closes the
/// store for the others at once rather than when that call has finished retrying.
/// </summary>
internal sealed class BigCommerceQuotaObserverHandler(BigCommerceStoreGate gate) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (BigCommerceRequest.GetStoreHash(request) is { } store)
            gate.Observe(store, response);
        return response;
    }
}
