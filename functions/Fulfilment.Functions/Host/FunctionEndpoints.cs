using System.Diagnostics;
using System.Text.Json;
using Azure.Storage.Queues;
using Fulfilment.Pipeline;

namespace Fulfilment.Functions.Host;

/// <summary>
/// Maps timer and queue functions onto POST /{FunctionName} in the custom-handler protocol: decode the envelope,
/// run one pipeline step, answer {Outputs, Logs, ReturnValue}. A non-2xx answer makes the host retry the message
/// (and, after maxDequeueCount, poison it); an unreadable message goes straight to the poison queue instead.
/// </summary>
public static class FunctionEndpoints
{
    public static RouteHandlerBuilder MapTimerFunction(this IEndpointRouteBuilder app, FunctionDefinition function,
        Func<IServiceProvider, CancellationToken, Task<object?>> run) =>
        app.MapPost(function.HandlerPath, async (HttpContext http) =>
        {
            var envelope = await ReadEnvelopeAsync(http);
            if (envelope is null)
                return Results.BadRequest(Failure("The invocation body is not a valid {Data, Metadata} envelope."));
            return await InvokeAsync(http, function, () => run(http.RequestServices, http.RequestAborted));
        });

    public static RouteHandlerBuilder MapQueueFunction<TMessage>(this IEndpointRouteBuilder app, FunctionDefinition function,
        Func<IServiceProvider, TMessage, CancellationToken, Task<object?>> run) where TMessage : class =>
        app.MapPost(function.HandlerPath, async (HttpContext http) =>
        {
            var envelope = await ReadEnvelopeAsync(http);
            if (envelope is null || envelope.Data.Count == 0)
                return Results.BadRequest(Failure("The invocation body is not a valid {Data, Metadata} envelope with the queue message."));

            var binding = envelope.Data.Values.First();
            TMessage message;
            try
            {
                message = QueueMessageDecoder.Decode<TMessage>(binding);
            }
            catch (UnreadableMessageException ex)
            {
                // Retrying cannot fix an unreadable message: park it where ops look (Health counts poison queues) and complete.
                await ParkAsync(http.RequestServices, function.QueueName!, ex.RawText ?? binding.GetRawText(), http.RequestAborted);
                var log = $"{function.Name}: unreadable message moved to {function.QueueName}-poison: {ex.Message}";
                Logger(http).LogError("{Log}", log);
                return Results.Json(new InvocationResponse { Logs = [log] });
            }
            return await InvokeAsync(http, function, () => run(http.RequestServices, message, http.RequestAborted));
        });

    private static async Task<IResult> InvokeAsync(HttpContext http, FunctionDefinition function, Func<Task<object?>> step)
    {
        var invocationId = http.Request.Headers["X-Azure-Functions-InvocationId"].ToString();
        using var activity = PipelineTracing.Source.StartActivity(function.Name, ActivityKind.Server);
        activity?.SetTag("faas.invocation_id", invocationId);
        var logger = Logger(http);
        try
        {
            var result = await step();
            var summary = $"{function.Name} done{(result is null ? "" : ": " + JsonSerializer.Serialize(result, QueueMessageDecoder.Json))}";
            return Results.Json(new InvocationResponse { Logs = [summary], ReturnValue = result });
        }
        catch (Exception ex) when (!http.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(ex, "{Function} failed (invocation {InvocationId}).", function.Name, invocationId);
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            return Results.Json(Failure($"{function.Name} failed: {ex.GetType().Name}: {ex.Message}"), statusCode: StatusCodes.Status500InternalServerError);
        }
    }

    private static async Task<InvocationRequest?> ReadEnvelopeAsync(HttpContext http)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<InvocationRequest>(http.Request.Body, QueueMessageDecoder.Json, http.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task ParkAsync(IServiceProvider services, string queueName, string rawText, CancellationToken cancellationToken)
    {
        var poison = services.GetRequiredService<QueueServiceClient>().GetQueueClient(Fulfilment.Storage.StorageNames.Queues.Poison(queueName));
        await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await poison.SendMessageAsync(rawText, cancellationToken);
    }

    private static InvocationResponse Failure(string log) => new() { Logs = [log] };

    private static ILogger Logger(HttpContext http) => http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Fulfilment.Functions");
}
