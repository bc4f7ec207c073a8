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
