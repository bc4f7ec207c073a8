using System.Security.Cryptography;
using System.Text;

namespace Fulfilment.Failures;

/// <summary>What kind of thing failed, which says how it is replayed.</summary>
public enum FailureKind
{
    /// <summary>A queue message that kept failing (or could not be read), taken out of its poison queue so it never expires unseen.</summary>
    PoisonMessage,
    /// <summary>An order that needs attention (the reason is on the order); replay resumes it from where it stopped.</summary>
    Order,
}

/// <summary>
/// One failure in the one place ops look: what failed (<see cref="Subject"/>: a queue, an order key), why, since when,
/// and, for a message, its text so it can be sent again once the cause is fixed.
/// </summary>
public sealed record Failure
{
    public required string Id { get; init; }
    public required FailureKind Kind { get; init; }
    public required string Subject { get; init; }
    public required string Cause { get; init; }
    public required DateTimeOffset FirstSeenAt { get; init; }
    public DateTimeOffset LastSeenAt { get; init; }
    /// <summary>The message text as it was sent (poison messages only).</summary>
    public string? Payload { get; init; }

    /// <summary>A short, stable, URL-safe id for a subject of a kind: the same failure is recorded once.</summary>
    public static string IdFor(FailureKind kind, string subject)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}\n{subject}"));
        return $"{(kind == FailureKind.Order ? "order" : "message")}-{Convert.ToHexString(hash, 0, 10).ToLowerInvariant()}";
    }
}
