namespace Sandbox.ClickAndDrop;

/// <summary>How the next <c>POST /orders</c> fails after creating its orders.</summary>
public enum CreateThenFailMode
{
    None,
    /// <summary>Creates the orders, then answers 500.</summary>
    ServerError,
    /// <summary>Creates the orders, then does not answer until the stall ends or the client gives up.</summary>
    Stall,
}

/// <summary>A 404 that does not come from Click &amp; Drop itself: what a proxy, a wrong route or an error page answers.</summary>
public enum ClickAndDropForeignNotFound
{
    /// <summary>404 with no body (an unmatched route, a misconfigured base URL).</summary>
    Empty,
    /// <summary>404 with an HTML error page (a web server or CDN in front of the API).</summary>
    Html,
    /// <summary>404 with a gateway's own JSON object (e.g. <c>{"statusCode":404,"message":"Resource not found"}</c>).</summary>
    GatewayJson,
}

/// <summary>What the API answers during an outage window; both come from the gateway, not from Click &amp; Drop.</summary>
public enum ClickAndDropOutageAnswer
{
    /// <summary>503 with an HTML page.</summary>
    ServiceUnavailable,
    /// <summary>404 with an HTML page, as a front door answers while the API's route is missing.</summary>
    NotFoundPage,
}

/// <summary>Whether <c>isRecipientABusiness</c> must be sent on orders from Great Britain to Northern Ireland.</summary>
/// <remarks>
/// The spec calls the field mandatory for business senders (OBA accounts, and OLP accounts declaring themselves a
/// business) on GB → NI orders. Whether and how the live API enforces it is UNCONFIRMED, hence the choice.
/// </remarks>
public enum ClickAndDropNorthernIrelandRule
{
    /// <summary>Never required.</summary>
    NotRequired,
    /// <summary>Required when the account is a business sender (the default, as the spec says).</summary>
    RequiredForBusinessSenders,
    /// <summary>Required on every GB → NI order, whoever sends it.</summary>
    RequiredForAll,
}

/// <summary>Mutable fault settings of one account; guarded by the simulator's lock.</summary>
internal sealed class ClickAndDropFaultState
{
    public TimeSpan Latency { get; set; }
    public int FailNext { get; set; }
    public int RateLimitNext { get; set; }
    public int RateLimitRetryAfterSeconds { get; set; } = 1;
    public CreateThenFailMode CreateThenFail { get; set; }
    public TimeSpan StallFor { get; set; } = TimeSpan.FromMinutes(2);
    public int ForeignNotFoundNext { get; set; }
    public ClickAndDropForeignNotFound ForeignNotFoundKind { get; set; }
    /// <summary>References whose presence in a create request makes Click &amp; Drop refuse the whole request, with the reason given.</summary>
    public Dictionary<string, string> RefusedReferences { get; } = new(StringComparer.Ordinal);
    /// <summary>Orders whose label Click &amp; Drop refuses, with the code and message it gives.</summary>
    public Dictionary<long, (string Code, string Message)> RefusedLabels { get; } = [];
    /// <summary>References whose label asked for in the create response does not come: labelErrors with this code and message.</summary>
    public Dictionary<string, (string Code, string Message)> LabelErrorReferences { get; } = new(StringComparer.Ordinal);
    /// <summary>The next label requests (<c>GET /orders/{ids}/label</c>) that answer 500.</summary>
    public int FailLabelsNext { get; set; }

    public void Clear()
    {
        Latency = TimeSpan.Zero;
        FailNext = 0;
        RateLimitNext = 0;
        CreateThenFail = CreateThenFailMode.None;
        ForeignNotFoundNext = 0;
        RefusedReferences.Clear();
        RefusedLabels.Clear();
        LabelErrorReferences.Clear();
        FailLabelsNext = 0;
    }
}

/// <summary>The API-wide outage window on the simulator's clock; guarded by the simulator's lock.</summary>
internal sealed record ClickAndDropOutage(DateTimeOffset From, DateTimeOffset Until, ClickAndDropOutageAnswer Answer)
{
    public bool Covers(DateTimeOffset now) => From <= now && now < Until;
}
