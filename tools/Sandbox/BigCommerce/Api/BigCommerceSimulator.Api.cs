using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Sandbox.BigCommerce.Api;
using Sandbox.BigCommerce.State;

namespace Sandbox.BigCommerce;

// The v2 API at /bigcommerce/api/stores/{hash}: one endpoint filter admits every request (the store, an outage, the
// token, injected faults, the quota), counts it in flight and logs it; the handlers in OrdersApi only do their route's work.
public sealed partial class BigCommerceSimulator
{
    private const string ApiPrefix = "/bigcommerce/api/stores/";

    private sealed record Admission(SimStore? Store, V2Result? Rejection, TimeSpan Latency);

    private void MapApi(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiPrefix + "{hash}");
        api.AddEndpointFilter(AdmitAsync);
        MapOrderRoutes(api.MapGroup("/v2"));
        MapHookRoutes(api.MapGroup("/v3/hooks"));
        // Anything else under the store: 404 for the methods v2 uses, 405 for the rest, after admission like any call.
        api.Map("/{**rest}", (HttpContext http) =>
            HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsPost(http.Request.Method) || HttpMethods.IsPut(http.Request.Method)
                ? V2Result.NotFound()
                : V2Result.Error(405, "The requested method is not supported by this resource."));
    }

    private async ValueTask<object?> AdmitAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        BaseUrl ??= $"{http.Request.Scheme}://{http.Request.Host}";
        var admission = Admit(http);
        if (admission.Store is not { } store)
            return admission.Rejection;
        try
        {
            if (admission.Latency > TimeSpan.Zero)
                await Task.Delay(admission.Latency, Time, http.RequestAborted);
            var result = admission.Rejection ?? await next(context);
            if (admission.Rejection is null && TakeFailureAfterActing(store, http, result) is { } stall)
            {
                // The shipment exists now; only its answer is lost.
                if (stall > TimeSpan.Zero)
                    await Task.Delay(stall, Time, http.RequestAborted);
                result = V2Result.Error(500, "Internal Server Error");
            }
            Log(store, http, (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK);
            return result;
        }
        finally
        {
            lock (_lock)
                store.InFlight--;
        }
    }

    /// <summary>Whether this answered shipment create is one whose answer is to be lost (and how long to hold it first).</summary>
    private TimeSpan? TakeFailureAfterActing(SimStore store, HttpContext http, object? result)
    {
        if (!HttpMethods.IsPost(http.Request.Method) || http.Request.Path.Value?.EndsWith("/shipments", StringComparison.Ordinal) != true
            || (result as IStatusCodeHttpResult)?.StatusCode is not (null or (>= 200 and < 300)))
            return null;
        lock (_lock)
        {
            var faults = store.Faults;
            if (faults.ShipmentCreatesFailAfterActing <= 0)
                return null;
            store.Faults = faults with { ShipmentCreatesFailAfterActing = faults.ShipmentCreatesFailAfterActing - 1 };
            return faults.StallAfterActing;
        }
    }

    /// <summary>The store, an outage, the token, then injected faults, then the quota. Sets the rate-limit headers on what the quota answers.</summary>
    private Admission Admit(HttpContext http)
    {
        var hash = (string)http.GetRouteValue("hash")!;
        lock (_lock)
        {
            // Read under the lock: requests are counted in the order of their times, as one server would.
            var now = Time.GetUtcNow();
            if (!_stores.TryGetValue(hash, out var store))
                return new Admission(null, V2Result.Error(404, "The requested store was not found."), TimeSpan.Zero);
            store.InFlight++;
            store.MaxInFlight = Math.Max(store.MaxInFlight, store.InFlight);
            var faults = store.Faults;
            Admission Reject(V2Result rejection) => new(store, rejection, faults.Latency);

            // UNCONFIRMED: the body BigCommerce sends with a 503; the v2 error array is used.
            if (store.IsInOutage(now))
                return Reject(V2Result.Error(503, "Service Unavailable"));
            // UNCONFIRMED exact wording; the shape (v2 error array) is BigCommerce's.
            if (store.Token is null || !string.Equals(http.Request.Headers["X-Auth-Token"].ToString(), store.Token, StringComparison.Ordinal))
                return Reject(V2Result.Error(401, "You are not authorized to access this resource. Check the X-Auth-Token header."));
            if (faults.Next500 > 0)
            {
                store.Faults = faults with { Next500 = faults.Next500 - 1 };
                return Reject(V2Result.Error(500, "Internal Server Error"));
            }
            if (faults.Next429 > 0)
            {
                store.Faults = faults with { Next429 = faults.Next429 - 1 };
                store.RateLimited++;
                var injected = V2Result.Error(429, "Too many requests.");
                return Reject(faults.Include429Headers ? WithRateHeaders(injected, store.Quota, faults.RetryAfter429, left: 0, retryAfter: true) : injected);
            }
            if (!store.Quota.TryTake(now, out var left, out var resetIn))
            {
                store.RateLimited++;
                return Reject(WithRateHeaders(V2Result.Error(429, "Too many requests."), store.Quota, resetIn, left: 0, retryAfter: true));
            }
            SetRateHeaders(http.Response, store.Quota, resetIn, left);
            // The other app's request lands after our answer's count was taken: our client cannot see it coming.
            if (store.OtherAppEvery > 0 && ++store.AdmittedForOtherApp % store.OtherAppEvery == 0)
                store.Quota.Consume(now, 1);
            return new Admission(store, null, faults.Latency);
        }
    }

    private void Log(SimStore store, HttpContext http, int status)
    {
        var request = http.Request;
        var path = request.Path.Value is { } full && full.Length > ApiPrefix.Length + store.Hash.Length
            ? full[(ApiPrefix.Length + store.Hash.Length)..]
            : "/";
        var record = new BigCommerceRequestRecord(request.Method, path, request.QueryString.Value ?? "",
            request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase), status, Time.GetUtcNow());
        lock (_lock)
            store.Requests.Add(record);
    }

    // Every admitted answer carries the four quota headers; a 429 also carries X-Retry-After (whole seconds).
    private static V2Result WithRateHeaders(V2Result result, QuotaWindow quota, TimeSpan resetIn, int left, bool retryAfter)
    {
        foreach (var (name, value) in RateHeaders(quota, resetIn, left))
            result.WithHeader(name, value);
        if (retryAfter)
            result.WithHeader("X-Retry-After", Math.Ceiling(resetIn.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        return result;
    }

    private static void SetRateHeaders(HttpResponse response, QuotaWindow quota, TimeSpan resetIn, int left)
    {
        foreach (var (name, value) in RateHeaders(quota, resetIn, left))
            response.Headers[name] = value;
    }

    private static IEnumerable<(string, string)> RateHeaders(QuotaWindow quota, TimeSpan resetIn, int left)
    {
        yield return ("X-Rate-Limit-Time-Window-Ms", ((long)quota.Length.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
        yield return ("X-Rate-Limit-Time-Reset-Ms", ((long)Math.Ceiling(resetIn.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture));
        yield return ("X-Rate-Limit-Requests-Quota", quota.Quota.ToString(CultureInfo.InvariantCulture));
        yield return ("X-Rate-Limit-Requests-Left", Math.Max(0, left).ToString(CultureInfo.InvariantCulture));
    }
}
