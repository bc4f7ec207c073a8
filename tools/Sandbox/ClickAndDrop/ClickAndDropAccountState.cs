namespace Sandbox.ClickAndDrop;

/// <summary>Mutable per-account state; guarded by the simulator's lock.</summary>
internal sealed class ClickAndDropAccountState(string id, string apiKey, bool isOba, bool isBusinessSender)
{
    public string Id { get; } = id;
    public string ApiKey { get; set; } = apiKey;
    public bool IsOba { get; set; } = isOba;
    /// <summary>OBA accounts are business senders; an OLP account may declare itself one (what GB → NI orders care about).</summary>
    public bool IsBusinessSender { get; set; } = isBusinessSender;
    public ClickAndDropWarehouse? Warehouse { get; set; }

    public Queue<DateTimeOffset> RecentRequests { get; } = new();
    public int Requests { get; set; }
    public int CreateRequests { get; set; }
    public int LabelRequests { get; set; }
    public int LabelsInCreateResponses { get; set; }
    public int RateLimited { get; set; }
    public int MaxRequestsInOneSecond { get; set; }
    public int InFlight { get; set; }
    public int MaxInFlight { get; set; }
    public List<ClickAndDropRequestLogEntry> Log { get; } = [];

    public ClickAndDropFaultState Faults { get; } = new();

    public ClickAndDropAccountStats Stats() =>
        new(Requests, CreateRequests, RateLimited, MaxRequestsInOneSecond, InFlight, MaxInFlight, LabelRequests, LabelsInCreateResponses);
}
