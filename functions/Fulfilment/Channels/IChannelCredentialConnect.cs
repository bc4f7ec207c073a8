using Fulfilment.Partners;

namespace Fulfilment.Channels;

/// <summary>
/// A channel whose stores an operator connects by entering the merchant's credentials (no OAuth consent), with
/// <c>PUT /api/manage/connections/{id}</c>. The credentials are validated against these fields and checked live by
/// the channel's <see cref="IChannel.ValidateSettingsAsync"/>, which must use them.
/// </summary>
public interface IChannelCredentialConnect
{
    string Channel { get; }

    IReadOnlyList<PartnerField> CredentialFields { get; }
}
