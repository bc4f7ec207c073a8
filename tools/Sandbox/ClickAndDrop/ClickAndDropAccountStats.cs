namespace Sandbox.ClickAndDrop;

/// <summary>Counters of one account, so tests can assert we stayed under the rate limit and the concurrency we meant.</summary>
/// <param name="Requests">Authenticated requests received.</param>
/// <param name="CreateRequests">Of those, <c>POST /orders</c>.</param>
/// <param name="RateLimited">429s answered because the account went over <c>RequestsPerSecond</c> (injected 429s not counted).</param>
/// <param name="MaxRequestsInOneSecond">Most requests that arrived within any one-second window.</param>
/// <param name="InFlight">Requests of the account being answered right now.</param>
/// <param name="MaxInFlight">Most requests of the account that were being answered at the same time.</param>
/// <param name="LabelRequests">Of the requests, <c>GET /orders/{ids}/label</c> (label downloads).</param>
/// <param name="LabelsInCreateResponses">Labels given with created orders (<c>includeLabelInResponse</c>), no download needed.</param>
public sealed record ClickAndDropAccountStats(int Requests, int CreateRequests, int RateLimited, int MaxRequestsInOneSecond, int InFlight = 0, int MaxInFlight = 0,
    int LabelRequests = 0, int LabelsInCreateResponses = 0);
