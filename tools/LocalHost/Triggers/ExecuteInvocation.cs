using LocalHost.Configuration;
using LocalHost.Invocation;

namespace LocalHost.Triggers;

/// <summary>Runs one invocation through the worker (in-flight tracking, output bindings, InvocationCompleted) and reports it.</summary>
internal delegate Task<TrackedInvocation> ExecuteInvocation(
    FunctionDefinition function, InvocationInput input, AlongsideInvocation? alongside, CancellationToken ct);

/// <summary>The reported result, and how it ended (which decides what happens to a queue message).</summary>
internal sealed record TrackedInvocation(InvocationResult Result, InvocationStatus Status);
