namespace Sandbox.BigCommerce;

/// <summary>Body of POST /_sandbox/bigcommerce/stores.</summary>
public sealed record BigCommerceCreateStoreRequest(string StoreHash, string? AccessToken, int Quota = 150, int? WindowMs = null);

/// <summary>Body of POST /_sandbox/bigcommerce/stores/{hash}/faults (quota and window optional).</summary>
public sealed record BigCommerceFaultsRequest(int LatencyMs = 0, int Next500 = 0, int Next429 = 0, bool Include429Headers = true, int RetryAfterMs = 1000, int? Quota = null, int? WindowMs = null);

/// <summary>Body of POST /_sandbox/bigcommerce/app.</summary>
public sealed record BigCommerceRegisterAppRequest(string ClientId, string ClientSecret, string AuthCallbackUrl, string? LoadCallbackUrl = null, string? UninstallCallbackUrl = null);

/// <summary>Body of PUT /_sandbox/bigcommerce/stores/{hash}/outage: times on the simulator's clock.</summary>
public sealed record BigCommerceOutageRequest(DateTimeOffset From, DateTimeOffset Until);

/// <summary>Body of POST /_sandbox/bigcommerce/stores/{hash}/quota/consume: requests other apps spend of the current window.</summary>
public sealed record BigCommerceConsumeQuotaRequest(int Requests);

/// <summary>Body of POST /_sandbox/bigcommerce/stores/{hash}/after-list-request: changes to make after the Nth answered GET /v2/orders.</summary>
public sealed record BigCommerceScriptRequest(int ListRequest, IReadOnlyList<BigCommerceOrderChange> Changes);

/// <summary>Body of PUT /_sandbox/bigcommerce/stores/{hash}/tie-order.</summary>
public sealed record BigCommerceTieOrderRequest(BigCommerceTieOrder TieOrder);

/// <summary>Body of PUT /_sandbox/bigcommerce/stores/{hash}/other-app-load: another app spends one request after every Nth of ours (0 stops it).</summary>
public sealed record BigCommerceOtherAppLoadRequest(int EveryNthRequest);

/// <summary>Body of POST /_sandbox/bigcommerce/stores/{hash}/webhooks/fire (statusUpdated takes both status ids).</summary>
public sealed record BigCommerceFireRequest(string Scope, long OrderId, int? PreviousStatusId = null, int? NewStatusId = null);

/// <summary>Body of PUT /_sandbox/bigcommerce/webhooks/behaviour: each field given replaces the current one.</summary>
public sealed record BigCommerceWebhookBehaviourRequest(bool? AllowHttpDestinations = null, int? Duplicates = null, int? DelayMs = null, int? TimeoutMs = null,
    double? TimeScale = null, int? GiveUpAfterSeconds = null, string? SignWithSecret = null)
{
    public BigCommerceWebhookBehaviour ApplyTo(BigCommerceWebhookBehaviour current) => current with
    {
        AllowHttpDestinations = AllowHttpDestinations ?? current.AllowHttpDestinations,
        Duplicates = Duplicates ?? current.Duplicates,
        Delay = DelayMs is { } d ? TimeSpan.FromMilliseconds(d) : current.Delay,
        Timeout = TimeoutMs is { } t ? TimeSpan.FromMilliseconds(t) : current.Timeout,
        TimeScale = TimeScale ?? current.TimeScale,
        GiveUpAfter = GiveUpAfterSeconds is { } g ? TimeSpan.FromSeconds(g) : current.GiveUpAfter,
        SignWithSecret = SignWithSecret ?? current.SignWithSecret,
    };
}
