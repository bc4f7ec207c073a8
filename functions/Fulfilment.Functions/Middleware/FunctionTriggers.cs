using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Middleware;

/// <summary>Which kind of trigger a function has, read from its definition (the SDK generates it from the attributes).</summary>
public static class FunctionTriggers
{
    public static bool IsQueue(FunctionContext context) => HasTrigger(context, "queueTrigger");

    public static bool IsHttp(FunctionContext context) => HasTrigger(context, "httpTrigger");

    private static bool HasTrigger(FunctionContext context, string type) =>
        context.FunctionDefinition.InputBindings.Values.Any(b => string.Equals(b.Type, type, StringComparison.OrdinalIgnoreCase));
}
