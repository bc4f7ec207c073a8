namespace Sandbox.ClickAndDrop;

/// <summary>
/// Body of <c>POST /_sandbox/clickanddrop/accounts</c> and <c>PUT …/accounts/{id}/warehouse</c>.
/// <paramref name="IsBusinessSender"/> defaults to <paramref name="IsOba"/>.
/// </summary>
public sealed record ClickAndDropAccountRequest(
    string Id, string ApiKey, bool IsOba, double? PostageAfterSeconds = null, double? DespatchAfterSeconds = null, bool? IsBusinessSender = null);

/// <summary>
/// Body of <c>POST /_sandbox/clickanddrop/accounts/{id}/faults</c>; absent fields leave that fault as it is.
/// <c>createThenFail</c> is "serverError", "stall" or "none"; <c>foreignNotFoundKind</c> "empty", "html" or "gatewayJson";
/// <c>refuseRequestsContaining</c> is an order reference whose create requests are refused as a whole;
/// <c>labelErrorsFor</c> are references whose label asked for in the create response comes back as labelErrors;
/// <c>failLabelsNext</c> label downloads answer 500.
/// </summary>
public sealed record ClickAndDropFaultRequest(
    int? LatencyMs = null, int? FailNext = null, int? RateLimitNext = null, int? RetryAfterSeconds = null,
    string? CreateThenFail = null, double? StallSeconds = null,
    int? ForeignNotFoundNext = null, string? ForeignNotFoundKind = null,
    string? RefuseRequestsContaining = null, string? RefusalMessage = null,
    IReadOnlyList<string>? LabelErrorsFor = null, string? LabelErrorCode = null, string? LabelErrorMessage = null, int? FailLabelsNext = null);

/// <summary>Body of <c>PUT /_sandbox/clickanddrop/outage</c>: from now (plus <paramref name="StartsInSeconds"/>) on the simulator's clock.</summary>
public sealed record ClickAndDropOutageRequest(double DurationSeconds, double StartsInSeconds = 0, string? Answer = null);

/// <summary>Body of <c>PUT /_sandbox/clickanddrop/settings</c>; absent fields stay as they are.</summary>
public sealed record ClickAndDropSettingsRequest(int? RequestsPerSecond = null, string? NorthernIrelandBusinessFlag = null);

/// <summary>Body of <c>POST /_sandbox/clickanddrop/orders/{orderIdentifier}/refuse-label</c>.</summary>
public sealed record ClickAndDropLabelRefusalRequest(string Code, string Message);

/// <summary>Body of <c>POST /_sandbox/clickanddrop/accounts/{id}/seed-order</c>: an order made outside our pipeline.</summary>
public sealed record ClickAndDropSeedOrderRequest(string? OrderReference);
