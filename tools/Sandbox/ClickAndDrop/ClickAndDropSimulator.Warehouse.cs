namespace Sandbox.ClickAndDrop;

// The warehouse: postage and despatch, by hand or on the account's schedule (driven by the simulator's clock).
public sealed partial class ClickAndDropSimulator
{
    /// <summary>Applies postage now: sets printedOn and a tracking number. False if the order is unknown or deleted.</summary>
    public bool ApplyPostage(long orderIdentifier)
    {
        lock (_lock) return ApplyPostageLocked(orderIdentifier, Time.GetUtcNow());
    }

    /// <summary>Despatches now (applying postage first if needed). False if the order is unknown or deleted.</summary>
    public bool Despatch(long orderIdentifier)
    {
        lock (_lock) return DespatchLocked(orderIdentifier, Time.GetUtcNow());
    }

    /// <summary>Applies postage to every open order of the account; returns how many changed.</summary>
    public int ApplyPostageAll(string accountId)
    {
        lock (_lock)
        {
            var now = Time.GetUtcNow();
            return _orders.Values.Where(o => o.AccountId == accountId && o.PrintedOn is null && !o.Deleted).Select(o => o.OrderIdentifier).ToList()
                .Count(id => ApplyPostageLocked(id, now));
        }
    }

    /// <summary>Despatches every order of the account not yet despatched; returns how many changed.</summary>
    public int DespatchAll(string accountId)
    {
        lock (_lock)
        {
            var now = Time.GetUtcNow();
            return _orders.Values.Where(o => o.AccountId == accountId && o.ShippedOn is null && !o.Deleted).Select(o => o.OrderIdentifier).ToList()
                .Count(id => DespatchLocked(id, now));
        }
    }

    private void RunWarehouse()
    {
        lock (_lock)
        {
            var now = Time.GetUtcNow();
            foreach (var order in _orders.Values.Where(o => !o.Deleted && o.ShippedOn is null).ToList())
            {
                if (!_accounts.TryGetValue(order.AccountId, out var account) || account.Warehouse is not { } warehouse)
                    continue;
                if (order.PrintedOn is null && now - order.CreatedOn >= warehouse.PostageAfter)
                    ApplyPostageLocked(order.OrderIdentifier, now);
                if (now - order.CreatedOn >= warehouse.DespatchAfter)
                    DespatchLocked(order.OrderIdentifier, now);
            }
        }
    }

    private bool ApplyPostageLocked(long orderIdentifier, DateTimeOffset now)
    {
        if (!_orders.TryGetValue(orderIdentifier, out var order) || order.Deleted) return false;
        if (order.PrintedOn is not null) return true;
        _orders[orderIdentifier] = order with
        {
            PrintedOn = now,
            TrackingNumber = RoyalMailTrackingNumber.Create("TT", _nextTrackingSerial++),
        };
        return true;
    }

    private bool DespatchLocked(long orderIdentifier, DateTimeOffset now)
    {
        if (!ApplyPostageLocked(orderIdentifier, now)) return false;
        var order = _orders[orderIdentifier];
        if (order.ShippedOn is null) _orders[orderIdentifier] = order with { ShippedOn = now };
        return true;
    }
}
