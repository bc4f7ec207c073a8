using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Sandbox.Ekm.Auth;

namespace Sandbox.Ekm;

// The API at /ekm/api: one endpoint filter admits every request (bearer token, injected faults, the leaky bucket,
// the endpoint's scope) and logs it; the route handlers in the *Api.cs files only do the endpoint's work.
public sealed partial class EkmSimulator
{
    private sealed record Admission(EkmCaller? Caller, EkmResult? Rejection, TimeSpan Latency, EkmAfterActing? ThenFail, TimeSpan StallFor);

    private void MapApi(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix + "/api");
        api.AddEndpointFilter(AdmitAsync);
        MapOrderRoutes(api);
        MapDespatchRoutes(api);
        MapCatalogueRoutes(api);
        MapWebhookRoutes(api);
    }

    private async ValueTask<object?> AdmitAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var admission = Admit(http);
        if (admission.Latency > TimeSpan.Zero)
            await DelayQuietly(admission.Latency, http.RequestAborted);
        if (admission.Rejection is { } rejection)
        {
            Log(http, admission.Caller, rejection.StatusCode);
            return rejection;
        }
        http.Items[typeof(EkmCaller)] = admission.Caller;
        var result = await next(context);
        var status = (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
        if (admission.ThenFail == EkmAfterActing.ServerError)
        {
            Log(http, admission.Caller, StatusCodes.Status500InternalServerError);
            return EkmResult.Empty(StatusCodes.Status500InternalServerError);
        }
        Log(http, admission.Caller, status);
        if (admission.ThenFail == EkmAfterActing.Stall)
            await DelayQuietly(admission.StallFor, http.RequestAborted);
        return result;
    }

    private Admission Admit(HttpContext http)
    {
        var (caller, challenge) = _authority.Authenticate(http.Request.Headers.Authorization.ToString() is { Length: > 0 } header ? header : null);
        if (caller is null)
            return new Admission(null, EkmResult.Empty(StatusCodes.Status401Unauthorized).WithHeader("WWW-Authenticate", challenge), TimeSpan.Zero, null, TimeSpan.Zero);

        var options = Options;
        var now = Time.GetUtcNow();
        lock (_lock)
        {
            if (!_shops.TryGetValue(caller.Username, out var shop))
                return new Admission(null, EkmResult.Empty(StatusCodes.Status401Unauthorized).WithHeader("WWW-Authenticate", "Bearer error=\"invalid_token\""), TimeSpan.Zero, null, TimeSpan.Zero);
            var faults = shop.Faults;
            Admission Reject(EkmResult result) => new(caller, result, faults.Latency, null, TimeSpan.Zero);

            var key = (caller.ClientId, caller.Username);
            if (!_buckets.TryGetValue(key, out var bucket))
                _buckets[key] = bucket = new EkmLeakyBucket();

            if (faults.Next429 > 0)
            {
                shop.Faults = faults with { Next429 = faults.Next429 - 1 };
                SetRateLimitHeaders(http.Response, options, remaining: 0);
                return Reject(TooManyRequests(options, options.LeakInterval));
            }
            if (!bucket.TryAdmit(now, options, out var untilNextLeak))
            {
                SetRateLimitHeaders(http.Response, options, bucket.Remaining);
                return Reject(TooManyRequests(options, untilNextLeak));
            }
            SetRateLimitHeaders(http.Response, options, bucket.Remaining);

            if (faults.Next500 > 0)
            {
                shop.Faults = faults with { Next500 = faults.Next500 - 1 };
                return Reject(EkmResult.Empty(StatusCodes.Status500InternalServerError));
            }
            // Checked after the bucket: a request with too little scope still costs (UNCONFIRMED order).
            if (http.GetEndpoint()?.Metadata.GetMetadata<EkmRequiredScope>() is { } required && !caller.Scopes.Contains(required.Scope))
                return Reject(EkmResult.Empty(StatusCodes.Status403Forbidden));

            EkmAfterActing? thenFail = null;
            if (faults.ActThenFail > 0)
            {
                shop.Faults = faults with { ActThenFail = faults.ActThenFail - 1 };
                thenFail = faults.AfterActing;
            }
            return new Admission(caller, null, faults.Latency, thenFail, faults.StallFor);
        }
    }

    // EKM documents these five headers on every answer; LeakRate carries the leak interval in seconds (its format is UNCONFIRMED).
    private static void SetRateLimitHeaders(HttpResponse response, EkmSimulatorOptions options, int remaining)
    {
        response.Headers["X-EKM-RateLimit-Cost"] = options.RequestCost.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-EKM-RateLimit-BucketSize"] = options.BucketSize.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-EKM-RateLimit-LeakRate"] = options.LeakInterval.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-EKM-RateLimit-LeakAmount"] = options.LeakAmount.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-EKM-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
    }

    // The body of EKM's 429 is undocumented: the simulator sends none. Retry-After is optional (UNCONFIRMED).
    private static EkmResult TooManyRequests(EkmSimulatorOptions options, TimeSpan untilNextLeak)
    {
        var result = EkmResult.Empty(StatusCodes.Status429TooManyRequests);
        if (options.SendRetryAfter)
            result.WithHeader("Retry-After", Math.Max(1, (int)Math.Ceiling(untilNextLeak.TotalSeconds)).ToString(CultureInfo.InvariantCulture));
        return result;
    }

    private static EkmCaller Caller(HttpContext http) => (EkmCaller)http.Items[typeof(EkmCaller)]!;

    private void Log(HttpContext http, EkmCaller? caller, int status)
    {
        var request = http.Request;
        var record = new EkmRequestRecord(request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "", status, Time.GetUtcNow(), caller?.Username, caller?.ClientId);
        lock (_lock)
            _requests.Add(record);
    }

    private async Task DelayQuietly(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, Time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // the client gave up; the answer goes nowhere
        }
    }
}
