using LocalHost.Rpc;

namespace LocalHost.Invocation;

/// <summary>What a trigger hands the worker: the trigger parameter's data, the trigger metadata, and the trace to continue.</summary>
internal sealed record InvocationInput(TypedData TriggerData, IReadOnlyDictionary<string, TypedData> TriggerMetadata, string? ParentTraceParent = null);

/// <summary>How an invocation ended, as the trigger needs to know it.</summary>
internal enum InvocationStatus
{
    Succeeded,
    /// <summary>The function failed (or its worker crashed): a queue message is released for a retry.</summary>
    Failed,
    /// <summary>The worker was restarted after a function timeout: a queue message is left to reappear after its lease.</summary>
    Lost,
}

/// <summary>The worker's answer to one invocation (or why there is none).</summary>
internal sealed record InvocationOutcome(InvocationStatus Status, InvocationResponse? Response, string? Error)
{
    public static InvocationOutcome Failed(string error) => new(InvocationStatus.Failed, null, error);
    public static InvocationOutcome Lost(string error) => new(InvocationStatus.Lost, null, error);
}

/// <summary>
/// Work that runs beside the invocation on the same worker, started just before the InvocationRequest is sent (the
/// HTTP forward under ASP.NET Core integration); returns an error, or null when it went well.
/// </summary>
internal delegate Task<string?> AlongsideInvocation(Worker.WorkerInstance worker, string invocationId, CancellationToken ct);
