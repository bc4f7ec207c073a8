namespace Fulfilment.Channels.BigCommerce.Dtos;

/// <summary>The body of POST {login}/oauth2/token: the code grant of an app install.</summary>
public sealed class BcTokenRequest
{
    public required string ClientId { get; init; }
    public required string ClientSecret { get; init; }
    public required string Code { get; init; }
    public required string Context { get; init; }
    public required string Scope { get; init; }
    public string GrantType { get; init; } = "authorization_code";
    public required string RedirectUri { get; init; }
}

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
