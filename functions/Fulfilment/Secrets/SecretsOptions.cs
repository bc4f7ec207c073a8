using System.ComponentModel.DataAnnotations;

namespace Fulfilment.Secrets;

/// <summary>
/// The keys that encrypt partner credentials at rest (section "Secrets"). Each key is "&lt;id&gt;:&lt;base64 of 32 bytes&gt;";
/// in Azure the values are Key Vault references. New values are encrypted with <see cref="ActiveKey"/>; values written
/// with an older key stay readable while its key is listed in <see cref="PreviousKeys"/>, and are re-encrypted with the
/// active key the next time they are saved.
/// </summary>
public sealed class SecretsOptions
{
    public const string Section = "Secrets";

    [Required(ErrorMessage = "Secrets__ActiveKey is required: \"<key id>:<base64 of 32 random bytes>\" (e.g. from `openssl rand -base64 32`).")]
    public string ActiveKey { get; set; } = "";

    /// <summary>Comma-separated keys still accepted for reading, during a rotation.</summary>
    public string? PreviousKeys { get; set; }
}
