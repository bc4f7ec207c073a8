namespace Sandbox.Ecomdash;

// Test API: faults, forced envelope statuses, quota taken by other integrations, and the request log.
public sealed partial class EcomdashSimulator
{
    /// <summary>Replaces the merchant's faults.</summary>
    public void SetFaults(string merchantId, EcomdashFaults faults)
    {
        lock (Lock) Account(merchantId).Faults = faults;
    }

    public EcomdashFaults Faults(string merchantId)
    {
        lock (Lock) return Account(merchantId).Faults;
    }

    /// <summary>Clears the merchant's faults and forced envelopes (throttle state and background load stay).</summary>
    public void ClearFaults(string merchantId)
    {
        lock (Lock)
        {
            var account = Account(merchantId);
            account.Faults = new EcomdashFaults();
            account.EnvelopeOverrides.Clear();
        }
    }

    /// <summary>
    /// The next <paramref name="times"/> calls of <paramref name="operation"/> answer HTTP 200 with
    /// <paramref name="status"/> and <paramref name="messages"/>. Failure: the call does nothing and has no data.
    /// Partial Success: the call acts and answers its data with that status and the messages added.
    /// </summary>
    public void ForceEnvelope(string merchantId, string operation, EcomdashEnvelopeStatus status, IReadOnlyList<string> messages, int times = 1)
    {
        if (!EcomdashOperations.IsKnown(operation))
            throw new ArgumentException($"Unknown operation '{operation}'; see {nameof(EcomdashOperations)}.", nameof(operation));
        lock (Lock) Account(merchantId).EnvelopeOverrides[operation] = new EnvelopeOverride(status, messages, times);
    }

    /// <summary>Another integration on the same account makes <paramref name="calls"/> calls now, from the shared 120 a minute.</summary>
    public void ConsumeQuota(string merchantId, int calls)
    {
        lock (Lock) Account(merchantId).Throttle.Consume(calls);
    }

    /// <summary>Another integration keeps calling at <paramref name="callsPerMinute"/> (0 stops it), spread evenly on the clock.</summary>
    public void SetBackgroundLoad(string merchantId, int callsPerMinute)
    {
        lock (Lock) Account(merchantId).Throttle.SetBackgroundLoad(callsPerMinute);
    }

    /// <summary>Calls counted against the merchant in the last 60 seconds (ours and other integrations').</summary>
    public int CallsInCurrentWindow(string merchantId)
    {
        lock (Lock) return Account(merchantId).Throttle.CallsInWindow();
    }

    /// <summary>The merchant's calls of <paramref name="operation"/> being answered right now.</summary>
    public int InFlight(string merchantId, string operation)
    {
        lock (Lock) return Account(merchantId).Throttle.InFlight(operation);
    }

    /// <summary>Calls answered, oldest first: every merchant's, or one merchant's (calls that named no known merchant have none).</summary>
    public IReadOnlyList<EcomdashRequestLogEntry> RequestLog(string? merchantId = null)
    {
        lock (Lock) return _log.Where(e => merchantId is null || e.MerchantId == merchantId).ToList();
    }

    public void ClearRequestLog()
    {
        lock (Lock) _log.Clear();
    }
}
