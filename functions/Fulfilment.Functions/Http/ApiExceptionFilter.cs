using System.Diagnostics;
using Fulfilment.Storage;

namespace Fulfilment.Functions.Http;

/// <summary>
/// The last line of the HTTP functions: a lost ETag race is a 409, an unreadable request a 400, and anything else a
/// logged 500 with a JSON body, so a caller never gets an empty error or a stack trace.
/// </summary>
public sealed class ApiExceptionFilter(ILogger<ApiExceptionFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        try
        {
            return await next(context);
        }
        catch (ConcurrencyConflictException ex)
        {
            return ApiResults.Conflict(ex.Message, ["Read it again and retry the change."]);
        }
        catch (BadHttpRequestException ex)
        {
            return ApiResults.Error(ex.StatusCode, "The request could not be read.", [ex.Message]);
        }
        catch (Exception ex) when (!http.RequestAborted.IsCancellationRequested)
        {
            var traceId = Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;
            logger.LogError(ex, "{Method} {Path} failed (trace {TraceId}).", http.Request.Method, http.Request.Path, traceId);
            return ApiResults.Error(StatusCodes.Status500InternalServerError, "The request failed on our side; it has been logged.", [$"trace id {traceId}"]);
        }
    }
}

/// <summary>Endpoint helpers shared by the HTTP functions.</summary>
public static class ApiEndpoints
{
    /// <summary>
    /// Route prefix of the operator API. Not "admin": the Functions host refuses any function route starting with
    /// "admin" (or "runtime") — "The specified route conflicts with one or more built in routes" — whatever the routePrefix.
    /// </summary>
    public const string ManagementPrefix = "manage";

    /// <summary>Maps the handler of one of the function's methods at its route, behind <see cref="ApiExceptionFilter"/>.</summary>
    public static RouteHandlerBuilder MapHttpFunction(this IEndpointRouteBuilder app, Host.FunctionDefinition function, string method, Delegate handler)
    {
        if (function.Methods is null || !function.Methods.Contains(method, StringComparer.OrdinalIgnoreCase))
            throw new ArgumentException($"{function.Name} does not declare the method {method}.", nameof(method));
        return app.MapMethods(function.HandlerPath, [method.ToUpperInvariant()], handler).AddEndpointFilter<ApiExceptionFilter>();
    }
}
