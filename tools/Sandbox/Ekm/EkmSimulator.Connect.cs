using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;

namespace Sandbox.Ekm;

// The identity server's endpoints: GET /ekm/connect/authorize, POST /ekm/connect/token, POST /ekm/connect/revocation.
// The POSTs accept application/x-www-form-urlencoded only (anything else is invalid_request, as IdentityServer answers)
// and take the token-endpoint faults; every request is logged.
public sealed partial class EkmSimulator
{
    private void MapConnect(IEndpointRouteBuilder app)
    {
        var connect = app.MapGroup(Prefix + "/connect");
        connect.AddEndpointFilter(ConnectAsync);
        connect.MapGet("/authorize", (HttpContext http) => _authority.Authorize(http.Request.Query));
        connect.MapPost("/token", async (HttpContext http) =>
            await ReadFormAsync(http) is { } form
                ? _authority.Token(form, Authorization(http), $"{http.Request.Scheme}://{http.Request.Host}{Prefix}")
                : NotAForm());
        connect.MapPost("/revocation", async (HttpContext http) =>
            await ReadFormAsync(http) is { } form ? _authority.Revoke(form, Authorization(http)) : NotAForm());
    }

    private async ValueTask<object?> ConnectAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            var answer = await next(context);
            Log(http, null, (answer as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK);
            return answer;
        }

        EkmFaults faults;
        EkmAfterActing? thenFail = null;
        EkmResult? rejection = null;
        lock (_lock)
        {
            faults = _tokenFaults;
            if (faults.Next429 > 0)
            {
                _tokenFaults = faults with { Next429 = faults.Next429 - 1 };
                rejection = EkmResult.Empty(StatusCodes.Status429TooManyRequests);
            }
            else if (faults.Next500 > 0)
            {
                _tokenFaults = faults with { Next500 = faults.Next500 - 1 };
                rejection = EkmResult.Empty(StatusCodes.Status500InternalServerError);
            }
            else if (faults.ActThenFail > 0)
            {
                _tokenFaults = faults with { ActThenFail = faults.ActThenFail - 1 };
                thenFail = faults.AfterActing;
            }
        }
        if (faults.Latency > TimeSpan.Zero)
            await DelayQuietly(faults.Latency, http.RequestAborted);
        if (rejection is not null)
        {
            Log(http, null, rejection.StatusCode);
            return rejection;
        }
        var result = await next(context);
        if (thenFail == EkmAfterActing.ServerError)
        {
            Log(http, null, StatusCodes.Status500InternalServerError);
            return EkmResult.Empty(StatusCodes.Status500InternalServerError);
        }
        Log(http, null, (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK);
        if (thenFail == EkmAfterActing.Stall)
            await DelayQuietly(faults.StallFor, http.RequestAborted);
        return result;
    }

    private static async Task<IFormCollection?> ReadFormAsync(HttpContext http)
    {
        var contentType = http.Request.ContentType ?? "";
        if (!contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
            return null;
        return await http.Request.ReadFormAsync(http.RequestAborted);
    }

    private static string? Authorization(HttpContext http) =>
        http.Request.Headers.Authorization.ToString() is { Length: > 0 } header ? header : null;

    private static EkmResult NotAForm() =>
        new EkmResult(StatusCodes.Status400BadRequest, new Dictionary<string, string> { ["error"] = "invalid_request" })
            .WithHeader("Cache-Control", "no-store, no-cache, max-age=0").WithHeader("Pragma", "no-cache");
}
