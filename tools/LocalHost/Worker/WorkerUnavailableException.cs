namespace LocalHost.Worker;

/// <summary>
/// The worker went away while an invocation was waiting for it. <see cref="Lost"/> says whether the host restarted it
/// after a function timeout (invocations are lost: their queue messages come back after their lease) rather than
/// because it crashed (invocations failed: their messages are released like any failure).
/// </summary>
internal sealed class WorkerUnavailableException(string message, bool lost = false) : Exception(message)
{
    public bool Lost { get; } = lost;
}
