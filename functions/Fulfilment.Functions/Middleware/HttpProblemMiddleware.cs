using System.Diagnostics;
using Fulfilment.Functions.Http;
using Fulfilment.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Fulfilment.Functions.Middleware;

/// <summary>
/// The last line of the HTTP functions: a lost ETag race is a 409, an unreadable request a 400, and anything else a
/// logged 500 problem with the trace id, so a caller never gets an empty error or a stack trace.
/// </summary>
public sealed class HttpProblemMiddleware(ILogger<HttpProblemMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (context.GetHttpContext() is { } http && !http.RequestAborted.IsCancellationRequested)
        {
            context.GetInvocationResult().Value = Answer(ex, http);
        }
    }

    private IResult Answer(Exception ex, HttpContext http)
    {
        switch (ex)
        {
            case ConcurrencyConflictException conflict:
                return ApiResults.Conflict(conflict.Message, ["Read it again and retry the change."]);
            case BadHttpRequestException bad:
                return ApiResults.Error(bad.StatusCode, "The request could not be read.", [bad.Message]);
            case FunctionInputConverterException:
                return ApiResults.BadRequest("The request's route or query values could not be read.");
            default:
                var traceId = Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;
                logger.LogError(ex, "{Method} {Path} failed (trace {TraceId}).", http.Request.Method, http.Request.Path, traceId);
                return ApiResults.Error(StatusCodes.Status500InternalServerError, "The request failed on our side; it has been logged.", [$"trace id {traceId}"]);
        }
    }
}
