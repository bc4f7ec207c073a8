namespace Sandbox.ClickAndDrop;

/// <summary>One request the simulator answered.</summary>
/// <param name="RawTarget">Path and query exactly as received (still percent-encoded).</param>
/// <param name="StatusCode">The answer's status; 0 when the client gave up before it.</param>
public sealed record ClickAndDropRequestLogEntry(DateTimeOffset At, string? AccountId, string Method, string RawTarget, int StatusCode);
