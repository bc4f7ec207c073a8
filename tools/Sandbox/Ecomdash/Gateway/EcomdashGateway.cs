using Microsoft.AspNetCore.Http;

namespace Sandbox.Ecomdash;

/// <summary>
/// Runs around every API operation, in the order the real stack does: APIM's subscription key (401), the account's
/// minute quota and per-operation concurrency (429), then the back end's merchant key check (403); then the
/// merchant's faults, the handler, and the request log.
/// </summary>
internal sealed class EcomdashGateway(EcomdashSimulator sim) : IEndpointFilter
{
    public const string DeveloperKeyHeader = "Ocp-Apim-Subscription-Key";
    public const string DeveloperKeyQuery = "subscription-key"; // APIM also takes the key from the query string
    public const string MerchantKeyHeader = "ecd-subscription-key";
    public const string ApplicationIdHeader = "application-id";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var operation = http.GetEndpoint()?.Metadata.GetMetadata<EcomdashOperation>()?.Name
            ?? throw new InvalidOperationException("Every ecomdash endpoint names its operation.");
        var receivedAt = sim.Time.GetUtcNow();
        var admission = Admit(http, operation);
        IResult? result = null;
        try
        {
            result = admission.Refusal ?? await AnswerAsync(context, next, admission.Account!, operation);
            return result;
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            result = null; // the client gave up while the call was held
            return Results.Empty;
        }
        finally
        {
            if (admission.HoldsSlot)
                lock (sim.Lock) admission.Account!.Throttle.Leave(operation);
            sim.Record(new EcomdashRequestLogEntry(receivedAt, admission.Account?.Id, http.Request.Method, http.Request.Path.Value ?? "",
                http.Request.QueryString.Value ?? "", operation, StatusOf(result), (result as EnvelopeResult)?.Envelope.Status));
        }
    }

    private Admission Admit(HttpContext http, string operation)
    {
        var request = http.Request;
        var developerKey = Header(request, DeveloperKeyHeader) ?? (string?)request.Query[DeveloperKeyQuery];
        var merchantKey = Header(request, MerchantKeyHeader);
        lock (sim.Lock)
        {
            var account = merchantKey is null ? null : sim.AccountByEcdKey(merchantKey);
            if (string.IsNullOrEmpty(developerKey))
                return new(account, ApimResponses.MissingSubscriptionKey(), HoldsSlot: false);
            if (!sim.IsDeveloperKey(developerKey))
                return new(account, ApimResponses.InvalidSubscriptionKey(), HoldsSlot: false);

            // Throttling is keyed by the merchant key before the back end validates it; unknown keys have no account to protect.
            var holdsSlot = false;
            if (account is not null)
            {
                var verdict = account.Throttle.TryEnter(operation);
                if (verdict.Outcome == ThrottleOutcome.OverQuota)
                    return new(account, ApimResponses.RateLimitExceeded(verdict.RetryAfterSeconds), HoldsSlot: false);
                if (verdict.Outcome == ThrottleOutcome.TooManyConcurrent)
                    return new(account, ApimResponses.TooManyConcurrentCalls(), HoldsSlot: false);
                holdsSlot = true;
            }

            if (account is null || !account.SubscriptionActive || !account.AcceptsApplicationId(Header(request, ApplicationIdHeader)))
                return new(account, WebApiResponses.InvalidMerchantKey(), holdsSlot);
            http.SetEcomdashAccount(account);
            return new(account, null, holdsSlot);
        }
    }

    private async Task<IResult> AnswerAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, EcomdashAccount account, string operation)
    {
        var http = context.HttpContext;
        TimeSpan latency;
        lock (sim.Lock) latency = account.Faults.Latency;
        if (latency > TimeSpan.Zero)
            await Task.Delay(latency, sim.Time, http.RequestAborted);

        if (TakeInjectedFailure(account) is { } failure)
            return failure;
        var forced = TakeEnvelopeOverride(account, operation);
        if (forced?.Status == EcomdashEnvelopeStatus.Failure)
            return new EnvelopeResult(EcomdashEnvelope.Failure([.. forced.Messages]));

        var result = await InvokeHandlerAsync(context, next);
        if (forced?.Status == EcomdashEnvelopeStatus.PartialSuccess && result is EnvelopeResult answered)
            result = new EnvelopeResult(answered.Envelope with
            {
                Status = EcomdashEnvelope.Wire(EcomdashEnvelopeStatus.PartialSuccess),
                Messages = [.. answered.Envelope.Messages, .. forced.Messages],
            });

        switch (TakeAfterActingFault(account, operation))
        {
            case AfterActing.Timeout:
                TimeSpan stallFor;
                lock (sim.Lock) stallFor = account.Faults.StallFor;
                try { await Task.Delay(stallFor, sim.Time, http.RequestAborted); }
                catch (OperationCanceledException) { } // the client gave up first, as intended
                http.Abort(); // still no answer: drop the connection, as a gateway timeout would
                return NoAnswerResult.Instance;
            case AfterActing.ServerError:
                return WebApiResponses.ServerError();
            default:
                return result;
        }
    }

    private static async Task<IResult> InvokeHandlerAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context) as IResult ?? throw new InvalidOperationException("Ecomdash handlers answer an IResult.");
        }
        catch (InvalidRequestException ex)
        {
            return ex.UnsupportedMediaType is { } mediaType
                ? WebApiResponses.UnsupportedMediaType(mediaType)
                : WebApiResponses.InvalidRequest(ex.Key, ex.Problem);
        }
    }

    private IResult? TakeInjectedFailure(EcomdashAccount account)
    {
        lock (sim.Lock)
        {
            var faults = account.Faults;
            if (faults.InOutage(sim.Time.GetUtcNow()))
                return WebApiResponses.Unavailable();
            if (faults.Next500 > 0)
            {
                account.Faults = faults with { Next500 = faults.Next500 - 1 };
                return WebApiResponses.ServerError();
            }
            if (faults.Next429 > 0)
            {
                account.Faults = faults with { Next429 = faults.Next429 - 1 };
                return ApimResponses.RateLimitExceeded(faults.RetryAfterSeconds);
            }
            return null;
        }
    }

    private EnvelopeOverride? TakeEnvelopeOverride(EcomdashAccount account, string operation)
    {
        lock (sim.Lock)
        {
            if (!account.EnvelopeOverrides.TryGetValue(operation, out var forced))
                return null;
            if (--forced.Remaining <= 0)
                account.EnvelopeOverrides.Remove(operation);
            return forced;
        }
    }

    private AfterActing TakeAfterActingFault(EcomdashAccount account, string operation)
    {
        lock (sim.Lock)
        {
            var faults = account.Faults;
            if (!faults.AfterActingApplies(operation))
                return AfterActing.Answer;
            if (faults.TimeoutsAfterActing > 0)
            {
                account.Faults = faults with { TimeoutsAfterActing = faults.TimeoutsAfterActing - 1 };
                return AfterActing.Timeout;
            }
            if (faults.ServerErrorsAfterActing > 0)
            {
                account.Faults = faults with { ServerErrorsAfterActing = faults.ServerErrorsAfterActing - 1 };
                return AfterActing.ServerError;
            }
            return AfterActing.Answer;
        }
    }

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && values.ToString() is { Length: > 0 } value ? value : null;

    private static int StatusOf(IResult? result) => result switch
    {
        null => 0,
        IStatusCodeHttpResult { StatusCode: { } code } => code,
        _ => StatusCodes.Status200OK,
    };

    /// <summary>The call acted but the client never hears back; logged with status 0.</summary>
    private sealed class NoAnswerResult : IResult, IStatusCodeHttpResult
    {
        public static readonly NoAnswerResult Instance = new();
        public int? StatusCode => 0;
        public Task ExecuteAsync(HttpContext httpContext) => Task.CompletedTask;
    }

    private sealed record Admission(EcomdashAccount? Account, IResult? Refusal, bool HoldsSlot);

    private enum AfterActing
    {
        Answer,
        Timeout,
        ServerError,
    }
}
