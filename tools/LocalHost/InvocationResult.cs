namespace LocalHost;

/// <summary>One finished invocation: which function, what triggered it, whether it succeeded and why not.</summary>
public sealed record InvocationResult(string FunctionName, string Trigger, bool Succeeded, TimeSpan Duration, string? Error)
{
    /// <summary>The id sent to the handler in X-Azure-Functions-InvocationId.</summary>
    public Guid InvocationId { get; init; }
}
