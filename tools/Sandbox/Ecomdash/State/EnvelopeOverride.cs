namespace Sandbox.Ecomdash;

/// <summary>A forced envelope status for the next <see cref="Remaining"/> calls of one operation.</summary>
internal sealed class EnvelopeOverride(EcomdashEnvelopeStatus status, IReadOnlyList<string> messages, int remaining)
{
    public EcomdashEnvelopeStatus Status { get; } = status;
    public IReadOnlyList<string> Messages { get; } = messages;
    public int Remaining { get; set; } = remaining;
}
