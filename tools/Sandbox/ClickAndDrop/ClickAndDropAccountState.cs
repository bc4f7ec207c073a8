namespace Sandbox.ClickAndDrop;

/// <summary>Mutable per-account state; guarded by the simulator's lock.</summary>
internal sealed class ClickAndDropAccountState(string id, string apiKey, bool isOba)
{
    public string Id { get; } = id;
    public string ApiKey { get; set; } = apiKey;
    public bool IsOba { get; set; } = isOba;
    public ClickAndDropWarehouse? Warehouse { get; set; }

    public Queue<DateTimeOffset> RecentRequests { get; } = new();
    public int Requests { get; set; }
    public int CreateRequests { get; set; }
    public int RateLimited { get; set; }
    public int MaxRequestsInOneSecond { get; set; }
    public List<ClickAndDropRequestLogEntry> Log { get; } = [];

    // Faults.
    public TimeSpan Latency { get; set; }
    public int FailNext { get; set; }
    public int RateLimitNext { get; set; }
    public int RateLimitRetryAfterSeconds { get; set; } = 1;
    public CreateThenFailMode CreateThenFail { get; set; }
    public TimeSpan StallFor { get; set; } = TimeSpan.FromMinutes(2);
}
