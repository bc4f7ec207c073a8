namespace Fulfilment.Channels.BigCommerce.Dtos;

/// <summary>The answer of POST {login}/oauth2/token.</summary>
public sealed class BcTokenResponse
{
    public string? AccessToken { get; set; }
    public string? Scope { get; set; }
    public BcUser? User { get; set; }
    public BcUser? Owner { get; set; }
    public string? Context { get; set; }
    public string? AccountUuid { get; set; }
}

/// <summary>A BigCommerce user (installer or store owner).</summary>
public sealed class BcUser
{
    public long Id { get; set; }
    public string? Username { get; set; }
    public string? Email { get; set; }
}
