namespace Sandbox.Ekm;

// Bodies of the /_sandbox/ekm controls (camelCase JSON). Absent (null) fields leave that setting as it is.

/// <summary>Body of <c>POST /_sandbox/ekm/apps</c>.</summary>
public sealed record EkmAppRequest(string ClientId, string ClientSecret, string RedirectUri, IReadOnlyList<string>? AllowedScopes = null);

/// <summary>Body of <c>POST /_sandbox/ekm/shops</c>.</summary>
public sealed record EkmShopRequest(string Username);

/// <summary>Body of <c>POST /_sandbox/ekm/shops/{username}/statuses</c>.</summary>
public sealed record EkmStatusRequest(string Name, string Colour = "#000000", bool ShowInQuickStats = false);

/// <summary>Body of <c>POST /_sandbox/ekm/shops/{username}/orders/burst</c>: that many default orders at once.</summary>
public sealed record EkmBurstRequest(int Count, EkmOrderSeed? Seed = null, bool FireWebhook = true);

/// <summary>Body of <c>POST /_sandbox/ekm/consent</c>: a shop's username, or deny.</summary>
public sealed record EkmConsentRequest(string? Username = null, bool Deny = false);

/// <summary>Body of <c>POST /_sandbox/ekm/shops/{username}/faults</c> and <c>/token-faults</c>. afterActing: "serverError" or "stall".</summary>
public sealed record EkmFaultsRequest(
    int? LatencyMs = null, int? Next500 = null, int? Next429 = null, int? ActThenFail = null, string? AfterActing = null, int? StallMs = null)
{
    public EkmFaults ApplyTo(EkmFaults faults) => faults with
    {
        Latency = LatencyMs is { } latency ? TimeSpan.FromMilliseconds(latency) : faults.Latency,
        Next500 = Next500 ?? faults.Next500,
        Next429 = Next429 ?? faults.Next429,
        ActThenFail = ActThenFail ?? faults.ActThenFail,
        AfterActing = AfterActing is { } mode ? Enum.Parse<EkmAfterActing>(mode, ignoreCase: true) : faults.AfterActing,
        StallFor = StallMs is { } stall ? TimeSpan.FromMilliseconds(stall) : faults.StallFor,
    };
}

/// <summary>Body of <c>POST /_sandbox/ekm/shops/{username}/webhooks/fire</c>.</summary>
public sealed record EkmFireRequest(string Topic, long OrderId);

/// <summary>Body of <c>PUT /_sandbox/ekm/webhooks/behaviour</c>.</summary>
public sealed record EkmWebhookBehaviourRequest(
    int? Duplicates = null, int? DelayMs = null, int? TimeoutMs = null, int? MaxRetries = null, double? TimeScale = null, bool? EntityIdAsString = null)
{
    public EkmWebhookBehaviour ApplyTo(EkmWebhookBehaviour b) => b with
    {
        Duplicates = Duplicates ?? b.Duplicates,
        Delay = DelayMs is { } delay ? TimeSpan.FromMilliseconds(delay) : b.Delay,
        Timeout = TimeoutMs is { } timeout ? TimeSpan.FromMilliseconds(timeout) : b.Timeout,
        MaxRetries = MaxRetries ?? b.MaxRetries,
        TimeScale = TimeScale ?? b.TimeScale,
        EntityIdAsString = EntityIdAsString ?? b.EntityIdAsString,
    };
}

/// <summary>Body of <c>PUT /_sandbox/ekm/options</c>.</summary>
public sealed record EkmOptionsRequest(bool? SendRetryAfter = null, bool? FireOrderUpdatedOnApiWrites = null, int? DefaultPageSize = null, bool? NewConsentRevokesEarlierRefreshTokens = null)
{
    public EkmSimulatorOptions ApplyTo(EkmSimulatorOptions o) => o with
    {
        SendRetryAfter = SendRetryAfter ?? o.SendRetryAfter,
        FireOrderUpdatedOnApiWrites = FireOrderUpdatedOnApiWrites ?? o.FireOrderUpdatedOnApiWrites,
        DefaultPageSize = DefaultPageSize ?? o.DefaultPageSize,
        NewConsentRevokesEarlierRefreshTokens = NewConsentRevokesEarlierRefreshTokens ?? o.NewConsentRevokesEarlierRefreshTokens,
    };
}

/// <summary>Body of <c>POST /_sandbox/ekm/clock/advance</c>.</summary>
public sealed record EkmAdvanceClockRequest(double Seconds);

/// <summary>Body of <c>POST /_sandbox/ekm/shops/{username}/revoke-refresh-tokens</c>.</summary>
public sealed record EkmRevokeRequest(string? ClientId = null);
