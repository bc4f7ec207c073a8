using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Fulfilment.Functions.Middleware;

/// <summary>Puts the function's name and invocation id on every log line an invocation writes, whatever writes it.</summary>
public sealed class InvocationScopeMiddleware(ILogger<InvocationScopeMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            ["FunctionName"] = context.FunctionDefinition.Name,
            ["InvocationId"] = context.InvocationId,
        });
        await next(context);
    }
}
