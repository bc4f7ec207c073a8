using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Sandbox.Ekart;

// The simulated API's front door: one endpoint filter per route applies faults, authenticates and logs; then the handler.
public sealed partial class EkartSimulator
{
    private const string MerchantItem = "ekart.merchant";

    private void MapApi(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiPrefix);
        Gate(api.MapPost("/auth/token", (Func<HttpContext, IResult>)IssueToken), EkartOperation.Token);
        Gate(api.MapPost("/v2/shipments/create", (Func<HttpContext, Task<IResult>>)CreateAsync), EkartOperation.Create);
        Gate(api.MapPost("/v2/shipments/track", (Func<HttpContext, Task<IResult>>)TrackAsync), EkartOperation.Track);
        Gate(api.MapPut("/v2/shipments/rto/create", (Func<HttpContext, Task<IResult>>)CancelAsync), EkartOperation.Cancel);
    }

    private void Gate(RouteHandlerBuilder route, EkartOperation operation) =>
        route.AddEndpointFilter((invocation, next) => GuardAsync(invocation, next, operation));

    private async ValueTask<object?> GuardAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next, EkartOperation operation)
    {
        var http = invocation.HttpContext;
        var merchantCode = http.Request.Headers[MerchantHeader].ToString().Trim() is { Length: > 0 } code ? code : null;
        object? result;
        try
        {
            var (fault, latency) = TakeFault(http, operation);
            if (latency > TimeSpan.Zero)
                await Task.Delay(latency, Time, http.RequestAborted);
            result = fault
                ?? (operation == EkartOperation.Token ? null : Authenticate(http, merchantCode))
                ?? await next(invocation);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            result = Results.Empty; // the client gave up (a latency or stall longer than its timeout)
        }

        var status = http.RequestAborted.IsCancellationRequested ? 0 : (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
        lock (_lock)
            _log.Add(new EkartRequestLogEntry(Time.GetUtcNow(), merchantCode, http.Request.Method, http.Request.Path + http.Request.QueryString, operation, status));
        return result;
    }

    /// <summary>401/403 when the call may not proceed; null after putting the caller's merchant in the request items.</summary>
    private IResult? Authenticate(HttpContext http, string? merchantCode)
    {
        if (merchantCode is null) return EkartApiResults.Unauthorised($"{MerchantHeader} header is missing");
        var authorization = http.Request.Headers.Authorization.ToString().Trim();
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal))
            return EkartApiResults.Unauthorised("Authorization must be the Bearer token issued by /auth/token");
        lock (_lock)
        {
            if (!_merchants.TryGetValue(merchantCode, out var merchant))
                return EkartApiResults.Unauthorised($"Invalid merchant code {merchantCode}");
            switch (_tokens.Check(authorization["Bearer ".Length..].Trim(), Time.GetUtcNow(), out var tokenMerchant))
            {
                case EkartTokenCheck.Invalid: return EkartApiResults.Unauthorised("Invalid token");
                case EkartTokenCheck.Expired: return EkartApiResults.Unauthorised(EkartApiResults.TokenExpired);
            }
            // A valid token used with another merchant's header: authenticated, but not for this merchant.
            if (tokenMerchant != merchantCode)
                return EkartApiResults.Forbidden($"The token was not issued to merchant {merchantCode}");
            http.Items[MerchantItem] = merchant;
            return null;
        }
    }

    /// <summary><c>POST /auth/token</c>: merchant header plus <c>Authorization: Basic &lt;merchant Token&gt;</c> → <c>{"Authorization":"Bearer &lt;jwt&gt;"}</c>.</summary>
    private IResult IssueToken(HttpContext http)
    {
        var merchantCode = http.Request.Headers[MerchantHeader].ToString().Trim();
        if (merchantCode.Length == 0) return EkartApiResults.Unauthorised($"{MerchantHeader} header is missing");
        var authorization = http.Request.Headers.Authorization.ToString().Trim();
        lock (_lock)
        {
            if (!_merchants.TryGetValue(merchantCode, out var merchant))
                return EkartApiResults.Unauthorised($"Invalid merchant code {merchantCode}");
            if (!authorization.StartsWith("Basic ", StringComparison.Ordinal) || authorization["Basic ".Length..].Trim() != merchant.Token)
                return EkartApiResults.Unauthorised("Invalid credentials");
            var jwt = _tokens.Issue(merchant.Code, Time.GetUtcNow(), _tokenLifetime);
            return Results.Json(new JsonObject { ["Authorization"] = "Bearer " + jwt });
        }
    }

    private static EkartMerchantState Caller(HttpContext http) => (EkartMerchantState)http.Items[MerchantItem]!;

    /// <summary>The body as a JSON object, or the 400 Durin gives for one it cannot read.</summary>
    private static async Task<(JsonObject? Body, IResult? Problem)> ReadObjectAsync(HttpContext http)
    {
        try
        {
            return await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) is JsonObject body
                ? (body, null)
                : (null, EkartApiResults.Malformed("Unable to process JSON"));
        }
        catch (JsonException)
        {
            return (null, EkartApiResults.Malformed("Unable to process JSON"));
        }
    }

    /// <summary>Sleeps a stall on the simulator's clock; true when the client gave up meanwhile.</summary>
    private async Task<bool> StallAsync(HttpContext http, TimeSpan stallFor)
    {
        try
        {
            await Task.Delay(stallFor, Time, http.RequestAborted);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }
}
