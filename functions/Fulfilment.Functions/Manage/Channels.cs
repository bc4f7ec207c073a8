using Fulfilment.Channels;
using Fulfilment.Functions.Http;
using Fulfilment.Partners;
using Fulfilment.Pipeline;
using Microsoft.Azure.Functions.Worker;

namespace Fulfilment.Functions.Manage;

/// <summary>A field a connection holds, as an operator needs to know it (never a value).</summary>
public sealed record FieldView(string Name, string Description, bool Required, bool Secret);

/// <summary>What a channel connector declares: what it can do, what it cannot (in words), how stores connect and what they hold.</summary>
public sealed record ChannelView(string Name, IReadOnlyList<string> Capabilities, IReadOnlyDictionary<string, string> NotSupported,
    string Connects, string DefaultImportStatus, IReadOnlyList<FieldView> Settings, IReadOnlyList<FieldView> Credentials);

/// <summary>HTTP GET: every channel this app has, with its capabilities and what it does not support (e.g. publishing listings).</summary>
public sealed class AdminChannels(PartnerRegistry registry, IEnumerable<IChannelCredentialConnect> credentialChannels)
{
    [Function(nameof(AdminChannels))]
    public IResult Run([HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Manage + "/channels")] HttpRequest request) =>
        ApiResults.Ok(registry.ChannelNames.Order(StringComparer.Ordinal).Select(name =>
        {
            var descriptor = registry.FindChannel(name)!.Descriptor;
            var credentials = credentialChannels.FirstOrDefault(c => string.Equals(c.Channel, name, StringComparison.OrdinalIgnoreCase));
            var connects = credentials is not null ? "credentials (PUT /api/manage/connections/{id})"
                : registry.FindConnect(name) is not null ? "OAuth consent (POST /api/manage/channels/{channel}/connect)"
                : "app install";
            return new ChannelView(descriptor.Name,
                Enum.GetValues<ChannelCapabilities>().Where(c => c != ChannelCapabilities.None && descriptor.Capabilities.HasFlag(c)).Select(c => c.ToString()).ToList(),
                descriptor.NotSupported.ToDictionary(n => n.Key.ToString(), n => n.Value),
                connects, descriptor.DefaultImportStatus,
                descriptor.SettingFields.Select(View).ToList(),
                (credentials?.CredentialFields ?? []).Select(View).ToList());
        }).ToList());

    private static FieldView View(PartnerField field) => new(field.Name, field.Description, field.Required, field.Secret);
}
