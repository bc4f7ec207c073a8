using System.Text.Json;
using Fulfilment.Connections;

namespace Fulfilment.Functions.Manage;

/// <summary>
/// A merge patch of a connection: only the properties present change; tradingName and importStatus may be null to clear
/// them (importStatus null = the channel's default); settings holds the channel's own fields (null clears one). Status
/// may be set to Active (approve or resume) or Suspended (pause) only: the others are the merchant's or the channel's
/// doing, not an operator's choice.
/// </summary>
public sealed class ConnectionPatch
{
    public const string Expected = "an object with any of {tradingName, importStatus, maxOrderAgeDays (1-90), markDespatchedOnChannel, settings: {…}, status: \"Active\"|\"Suspended\"}";
    public const int MinMaxOrderAgeDays = 1, MaxMaxOrderAgeDays = 90;
    public const int MaxTextLength = 250;

    private static readonly string[] Known = ["tradingName", "importStatus", "maxOrderAgeDays", "markDespatchedOnChannel", "settings", "status"];

    public List<string> Fields { get; } = [];
    public bool SetsTradingName { get; private set; }
    public string? TradingName { get; private set; }
    public bool SetsImportStatus { get; private set; }
    public string? ImportStatus { get; private set; }
    public int? MaxOrderAgeDays { get; private set; }
    public bool? MarkDespatchedOnChannel { get; private set; }
    public ConnectionStatus? Status { get; private set; }
    /// <summary>The channel's own settings to change (null clears one); validated against the channel's fields by the caller.</summary>
    public Dictionary<string, string?>? Settings { get; private set; }

    public static (ConnectionPatch? Patch, IReadOnlyList<string> Errors) Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
            return (null, [$"The body must be {Expected}."]);
        var patch = new ConnectionPatch();
        var errors = new List<string>();
        foreach (var property in body.EnumerateObject())
        {
            var name = Known.FirstOrDefault(k => string.Equals(k, property.Name, StringComparison.OrdinalIgnoreCase));
            var value = property.Value;
            switch (name)
            {
                case null:
                    errors.Add($"unknown property '{property.Name}'; expected {string.Join(", ", Known)}");
                    continue;
                case "tradingName" or "importStatus":
                    if (value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                    {
                        errors.Add($"{name} must be a string or null");
                        continue;
                    }
                    var text = value.ValueKind == JsonValueKind.Null ? null : value.GetString()!.Trim();
                    if (text is { Length: > MaxTextLength })
                    {
                        errors.Add($"{name} is longer than {MaxTextLength} characters");
                        continue;
                    }
                    text = string.IsNullOrEmpty(text) ? null : text;
                    if (name == "tradingName") { patch.SetsTradingName = true; patch.TradingName = text; }
                    else { patch.SetsImportStatus = true; patch.ImportStatus = text; }
                    break;
                case "maxOrderAgeDays":
                    if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var days) || days < MinMaxOrderAgeDays || days > MaxMaxOrderAgeDays)
                    {
                        errors.Add($"maxOrderAgeDays must be a whole number from {MinMaxOrderAgeDays} to {MaxMaxOrderAgeDays}");
                        continue;
                    }
                    patch.MaxOrderAgeDays = days;
                    break;
                case "markDespatchedOnChannel":
                    if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    {
                        errors.Add("markDespatchedOnChannel must be true or false");
                        continue;
                    }
                    patch.MarkDespatchedOnChannel = value.GetBoolean();
                    break;
                case "settings":
                    if (value.ValueKind != JsonValueKind.Object || value.EnumerateObject().Any(p => p.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null)))
                    {
                        errors.Add("settings must be an object of strings (or null to clear one)");
                        continue;
                    }
                    patch.Settings = value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.GetString(), StringComparer.OrdinalIgnoreCase);
                    break;
                case "status":
                    var status = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                    if (string.Equals(status, nameof(ConnectionStatus.Active), StringComparison.OrdinalIgnoreCase))
                        patch.Status = ConnectionStatus.Active;
                    else if (string.Equals(status, nameof(ConnectionStatus.Suspended), StringComparison.OrdinalIgnoreCase))
                        patch.Status = ConnectionStatus.Suspended;
                    else
                    {
                        errors.Add("status must be \"Active\" (approve or resume) or \"Suspended\" (pause)");
                        continue;
                    }
                    break;
            }
            patch.Fields.Add(name!);
        }
        if (errors.Count == 0 && patch.Fields.Count == 0)
            errors.Add($"Nothing to change: send {Expected}.");
        return errors.Count == 0 ? (patch, []) : (null, errors);
    }

    /// <summary>Applies the fields (settings already validated into <paramref name="settings"/>) and the status change.</summary>
    public void ApplyTo(ChannelConnection connection, Dictionary<string, string> settings, DateTimeOffset now)
    {
        if (SetsTradingName) connection.TradingName = TradingName;
        if (SetsImportStatus) connection.ImportStatus = ImportStatus;
        if (MaxOrderAgeDays is { } days) connection.MaxOrderAgeDays = days;
        if (MarkDespatchedOnChannel is { } mark) connection.MarkDespatchedOnChannel = mark;
        connection.Settings = settings;
        if (Status is { } status && status != connection.Status)
        {
            // Approving (or resuming) is an operator's decision, remembered so a reinstall needs no new approval.
            if (status == ConnectionStatus.Active)
                connection.ApprovedAt ??= now;
            connection.Status = status;
            // An operator's pause keeps the credentials (unlike an uninstall), so the connection can be resumed here.
            connection.StatusReason = status == ConnectionStatus.Suspended ? "suspended by an operator" : null;
        }
    }
}
