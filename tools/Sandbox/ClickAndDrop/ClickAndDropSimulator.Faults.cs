using Microsoft.AspNetCore.Http;

namespace Sandbox.ClickAndDrop;

// Injected faults. Per-account faults act after the key is recognised (they need to know whose request it is); the
// outage window acts before, like the gateway in front of the API, on every call.
public sealed partial class ClickAndDropSimulator
{
    /// <summary>Delays every answer to the account by <paramref name="latency"/> on the simulator's clock (zero to stop).</summary>
    public void InjectLatency(string accountId, TimeSpan latency)
    {
        lock (_lock) Account(accountId).Faults.Latency = latency;
    }

    /// <summary>The account's next <paramref name="count"/> requests answer 500.</summary>
    public void FailNext(string accountId, int count)
    {
        lock (_lock) Account(accountId).Faults.FailNext = count;
    }

    /// <summary>The account's next <paramref name="count"/> requests answer 429 with <c>Retry-After: retryAfterSeconds</c>.</summary>
    public void RateLimitNext(string accountId, int count, int retryAfterSeconds = 1)
    {
        lock (_lock)
        {
            var faults = Account(accountId).Faults;
            faults.RateLimitNext = count;
            faults.RateLimitRetryAfterSeconds = retryAfterSeconds;
        }
    }

    /// <summary>
    /// The account's next <c>POST /orders</c> creates its orders and then fails (500, or no answer for
    /// <paramref name="stallFor"/> on the simulator's clock, default 2 minutes), so the client sees an ambiguous failure.
    /// </summary>
    public void CreateThenFail(string accountId, CreateThenFailMode mode = CreateThenFailMode.ServerError, TimeSpan? stallFor = null)
    {
        lock (_lock)
        {
            var faults = Account(accountId).Faults;
            faults.CreateThenFail = mode;
            faults.StallFor = stallFor ?? TimeSpan.FromMinutes(2);
        }
    }

    /// <summary>
    /// The account's next <paramref name="count"/> requests answer a 404 that Click &amp; Drop did not write (a proxy, a
    /// wrong route, an error page), whatever they asked for.
    /// </summary>
    public void ForeignNotFoundNext(string accountId, int count, ClickAndDropForeignNotFound kind = ClickAndDropForeignNotFound.Html)
    {
        lock (_lock)
        {
            var faults = Account(accountId).Faults;
            faults.ForeignNotFoundNext = count;
            faults.ForeignNotFoundKind = kind;
        }
    }

    /// <summary>
    /// Any <c>POST /orders</c> of the account holding an order with <paramref name="orderReference"/> is refused as a
    /// whole (400 ErrorResponse, nothing created), as Click &amp; Drop does with a request it cannot bind. Which item
    /// faults trigger this on the real API is UNCONFIRMED, so tests choose the order.
    /// </summary>
    public void RefuseRequestsContaining(string accountId, string orderReference, string message = "The request is invalid and cannot be processed.")
    {
        lock (_lock) Account(accountId).Faults.RefusedReferences[orderReference] = message;
    }

    /// <summary>
    /// A created order with <paramref name="orderReference"/> that asks for its label in the create response gets none:
    /// the order is created (postage not applied) and its <c>labelErrors</c> carry this code and message.
    /// </summary>
    public void LabelErrorsFor(string accountId, string orderReference, string code = LabelErrorCode, string message = LabelErrorMessage)
    {
        lock (_lock) Account(accountId).Faults.LabelErrorReferences[orderReference] = (code, message);
    }

    /// <summary>The account's next <paramref name="count"/> label downloads answer 500 (other requests are not affected).</summary>
    public void FailLabelsNext(string accountId, int count)
    {
        lock (_lock) Account(accountId).Faults.FailLabelsNext = count;
    }

    /// <summary>The label of the order is refused with Click &amp; Drop's 400 (an array of OrderErrorResponse) carrying this code and message.</summary>
    public void RefuseLabel(long orderIdentifier, string code, string message)
    {
        lock (_lock)
        {
            var order = _orders.GetValueOrDefault(orderIdentifier) ?? throw new KeyNotFoundException($"No Click & Drop order {orderIdentifier} in the simulator.");
            Account(order.AccountId).Faults.RefusedLabels[orderIdentifier] = (code, message);
        }
    }

    /// <summary>
    /// Every API call (any account, <c>/version</c> too) from <paramref name="from"/> until <paramref name="until"/> on the
    /// simulator's clock gets the gateway's <paramref name="answer"/> instead of Click &amp; Drop's.
    /// </summary>
    public void SetOutage(DateTimeOffset from, DateTimeOffset until, ClickAndDropOutageAnswer answer = ClickAndDropOutageAnswer.ServiceUnavailable)
    {
        if (until < from) throw new ArgumentException("The outage must end after it starts.", nameof(until));
        lock (_lock) _outage = new ClickAndDropOutage(from, until, answer);
    }

    public void ClearOutage()
    {
        lock (_lock) _outage = null;
    }

    public void ClearFaults(string accountId)
    {
        lock (_lock) Account(accountId).Faults.Clear();
    }

    /// <summary>The gateway's answer if the API is in its outage window now.</summary>
    private IResult? OutageAnswerLocked() =>
        _outage is { } outage && outage.Covers(Time.GetUtcNow()) ? ClickAndDropApiResults.Outage(outage.Answer) : null;

    /// <summary>The injected fault this call of the account meets, if any (consuming one of a counted fault).</summary>
    private IResult? TakeFaultLocked(HttpContext http, ClickAndDropAccountState account)
    {
        var faults = account.Faults;
        if (faults.FailNext > 0)
        {
            faults.FailNext--;
            return ClickAndDropApiResults.ServerError("Injected failure.");
        }
        if (faults.RateLimitNext > 0)
        {
            faults.RateLimitNext--;
            return ClickAndDropApiResults.TooManyRequests(http, faults.RateLimitRetryAfterSeconds);
        }
        if (faults.ForeignNotFoundNext > 0)
        {
            faults.ForeignNotFoundNext--;
            return ClickAndDropApiResults.ForeignNotFound(faults.ForeignNotFoundKind);
        }
        return null;
    }
}
