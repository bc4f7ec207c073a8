using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Sandbox.ClickAndDrop.Wire;

namespace Sandbox.ClickAndDrop;

// The simulated API's routes and its front door: the outage window for every route, then, for the authenticated ones,
// one endpoint filter that recognises the key, applies the rate limit and injected faults, counts and logs.
public sealed partial class ClickAndDropSimulator
{
    private const string AccountItem = "clickanddrop.account";

    private void MapApi(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiPrefix).AddEndpointFilter(OutageAsync);
        api.MapGet("/version", () => ClickAndDropApiResults.Ok(
            new VersionInfo("sandbox", "1", "sandbox", new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero))))
            .WithMetadata(Is(ClickAndDropOperation.Version));

        var orders = api.MapGroup("/orders").AddEndpointFilter(GuardAsync);
        orders.MapPost("", (Func<HttpContext, Task<IResult>>)CreateOrdersAsync).WithMetadata(Is(ClickAndDropOperation.CreateOrders));
        orders.MapGet("", (Func<HttpContext, IResult>)ListOrders).WithMetadata(Is(ClickAndDropOperation.ListOrders));
        orders.MapPut("/status", (Func<HttpContext, Task<IResult>>)UpdateStatusAsync).WithMetadata(Is(ClickAndDropOperation.UpdateStatus));
        orders.MapGet("/{orderIdentifiers}",
            (Func<HttpContext, ClickAndDropOrderIdentifiers, IResult>)GetOrders).WithMetadata(Is(ClickAndDropOperation.GetOrders));
        orders.MapDelete("/{orderIdentifiers}",
            (Func<HttpContext, ClickAndDropOrderIdentifiers, IResult>)DeleteOrders).WithMetadata(Is(ClickAndDropOperation.DeleteOrders));
        orders.MapGet("/{orderIdentifiers}/label",
            (Func<HttpContext, ClickAndDropOrderIdentifiers, IResult>)GetLabel).WithMetadata(Is(ClickAndDropOperation.GetLabel));
    }

    private static ClickAndDropOperationMetadata Is(ClickAndDropOperation operation) => new(operation);

    private ValueTask<object?> OutageAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        IResult? answer;
        lock (_lock) answer = OutageAnswerLocked();
        return answer is null ? next(invocation) : ValueTask.FromResult<object?>(answer);
    }

    private async ValueTask<object?> GuardAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        var operation = http.GetEndpoint()?.Metadata.GetMetadata<ClickAndDropOperationMetadata>()?.Operation;
        ClickAndDropAccountState? account;
        IResult? fault;
        TimeSpan latency;
        lock (_lock)
        {
            account = FindAccountLocked(ApiKeyOf(http));
            if (account is null)
                return ClickAndDropApiResults.Unauthorized(); // the spec's 401 has no body
            fault = CountLocked(http, account, operation);
            latency = account.Faults.Latency;
            account.InFlight++;
            account.MaxInFlight = Math.Max(account.MaxInFlight, account.InFlight);
        }

        object? result;
        try
        {
            if (latency > TimeSpan.Zero)
                await Task.Delay(latency, Time, http.RequestAborted);
            http.Items[AccountItem] = account;
            result = fault ?? await next(invocation);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            result = Results.Empty; // the client gave up (a latency or stall longer than its timeout)
        }
        finally
        {
            lock (_lock) account.InFlight--;
        }

        var status = http.RequestAborted.IsCancellationRequested ? 0 : (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
        lock (_lock)
            account.Log.Add(new(Time.GetUtcNow(), account.Id, http.Request.Method, RawTarget(http), status));
        return result;
    }

    /// <summary>Counts the request against the account's budget; returns the 429 or injected fault it meets, if any.</summary>
    private IResult? CountLocked(HttpContext http, ClickAndDropAccountState account, ClickAndDropOperation? operation)
    {
        var now = Time.GetUtcNow();
        account.Requests++;
        if (operation == ClickAndDropOperation.CreateOrders) account.CreateRequests++;
        if (operation == ClickAndDropOperation.GetLabel) account.LabelRequests++;
        while (account.RecentRequests.Count > 0 && account.RecentRequests.Peek() <= now - TimeSpan.FromSeconds(1))
            account.RecentRequests.Dequeue();
        account.RecentRequests.Enqueue(now);
        account.MaxRequestsInOneSecond = Math.Max(account.MaxRequestsInOneSecond, account.RecentRequests.Count);
        if (account.RecentRequests.Count > _requestsPerSecond)
        {
            account.RateLimited++;
            return ClickAndDropApiResults.TooManyRequests(http, 1);
        }
        return TakeFaultLocked(http, account);
    }

    /// <summary>The key from <c>Authorization</c>, raw or as <c>Bearer &lt;key&gt;</c> (which one the real API wants is UNCONFIRMED).</summary>
    private static string ApiKeyOf(HttpContext http)
    {
        var key = http.Request.Headers.Authorization.ToString().Trim();
        return key.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? key["Bearer ".Length..].Trim() : key;
    }

    private ClickAndDropAccountState? FindAccountLocked(string apiKey) =>
        apiKey.Length == 0 ? null : _accounts.Values.FirstOrDefault(a => string.Equals(a.ApiKey, apiKey, StringComparison.Ordinal));

    /// <summary>The account the gate recognised for this request.</summary>
    private static ClickAndDropAccountState Caller(HttpContext http) => (ClickAndDropAccountState)http.Items[AccountItem]!;

    private static string RawTarget(HttpContext http) =>
        http.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw ? raw : http.Request.Path + http.Request.QueryString;
}
