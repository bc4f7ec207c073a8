namespace LocalHost;

/// <summary>One finished invocation: which function, what triggered it, whether it succeeded and why not.</summary>
public sealed record InvocationResult(string FunctionName, string Trigger, bool Succeeded, TimeSpan Duration, string? Error)
{
    /// <summary>The id sent to the worker in InvocationRequest.invocation_id (and x-ms-invocation-id for HTTP).</summary>
    public Guid InvocationId { get; init; }
}
