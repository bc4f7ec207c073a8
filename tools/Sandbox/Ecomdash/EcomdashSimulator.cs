using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Sandbox.Ecomdash;

/// <summary>
/// Simulates the ecomdash API as our channel sees it, behind its Azure API Management gateway: the real paths under
/// <c>{BaseUrl}/ecomdash/api</c> (production <c>https://ecomdash.azure-api.net/api</c>), both keys, the
/// <c>{status, messages, pagination, data}</c> envelope with decimal ids, the shared 120-a-minute quota and the
/// 3-concurrent-calls-per-operation rule; controls under <c>{BaseUrl}/_sandbox/ecomdash</c>. Tests drive it through the
/// public methods. Thread-safe. See tools/Sandbox/Ecomdash/README.md for what is confirmed and what is not.
/// </summary>
public sealed partial class EcomdashSimulator : IDisposable
{
    /// <summary>Path prefix of the simulated API: the pipeline's <c>Ecomdash__BaseUrl</c> is <c>{BaseUrl}/ecomdash/api</c>.</summary>
    public const string ApiPrefix = "/ecomdash/api";

    /// <summary>Path prefix of the control endpoints.</summary>
    public const string ControlPrefix = "/_sandbox/ecomdash";

    /// <summary>The request log keeps this many calls, dropping the oldest, so long chaos runs stay bounded.</summary>
    public const int MaxRequestLogEntries = 20_000;

    private readonly HashSet<string> _developerKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EcomdashAccount> _accounts = new(StringComparer.Ordinal);
    private readonly LinkedList<EcomdashRequestLogEntry> _log = new();

    public EcomdashSimulator(TimeProvider time)
    {
        Time = time;
    }

    /// <summary>The clock behind created dates, the minute window, latency and outages.</summary>
    public TimeProvider Time { get; }

    internal object Lock { get; } = new();
    internal EcomdashIds Ids { get; } = new();

    public void MapRoutes(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiPrefix).AddEndpointFilter(new EcomdashGateway(this));
        new OrdersEndpoints(this).Map(api);
        new ShipmentsEndpoints(this).Map(api);
        new InventoryEndpoints(this).Map(api);
        new CompanyEndpoints(this).Map(api);
        // Any other path or method under the API is an operation APIM does not know.
        app.Map(ApiPrefix + "/{**rest}", () => ApimResponses.ResourceNotFound());
        MapControl(app);
    }

    /// <summary>Nothing to release (no timers, no connections); disposable so hosts treat every simulator alike.</summary>
    public void Dispose()
    {
    }

    internal bool IsDeveloperKey(string key)
    {
        lock (Lock) return _developerKeys.Contains(key);
    }

    internal EcomdashAccount? AccountByEcdKey(string ecdKey)
    {
        lock (Lock) return _accounts.Values.FirstOrDefault(a => string.Equals(a.EcdKey, ecdKey, StringComparison.Ordinal));
    }

    internal void Record(EcomdashRequestLogEntry entry)
    {
        lock (Lock)
        {
            _log.AddLast(entry);
            if (_log.Count > MaxRequestLogEntries)
                _log.RemoveFirst();
        }
    }

    /// <summary>Must be called under <see cref="Lock"/>.</summary>
    internal EcomdashAccount Account(string merchantId) =>
        _accounts.TryGetValue(merchantId, out var account)
            ? account
            : throw new KeyNotFoundException($"No ecomdash merchant '{merchantId}' in the simulator.");
}

/// <summary>Reads the merchant the gateway authenticated for this call.</summary>
internal static class EcomdashHttpContextExtensions
{
    private static readonly object AccountKey = new();

    public static void SetEcomdashAccount(this HttpContext context, EcomdashAccount account) => context.Items[AccountKey] = account;

    public static EcomdashAccount EcomdashAccount(this HttpRequest request) =>
        request.HttpContext.Items[AccountKey] as EcomdashAccount
            ?? throw new InvalidOperationException("The ecomdash gateway did not authenticate this call.");
}
