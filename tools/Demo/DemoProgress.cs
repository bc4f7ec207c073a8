using Spectre.Console;

namespace Demo;

/// <summary>Watches orders move through the pipeline and prints the live line and the final table.</summary>
public static class DemoProgress
{
    private static readonly HashSet<string> FinalStates = ["WrittenBack", "Skipped", "NeedsAttention"];

    public sealed record Outcome(bool Finished, IReadOnlyList<OrderView> Orders);

    public static async Task<Outcome> WatchAsync(DevStack stack, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        IReadOnlyList<OrderView> orders = [];
        var lastLine = "";
        while (DateTimeOffset.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
        {
            orders = await stack.ListOrdersAsync(cancellationToken);
            var counts = orders.GroupBy(o => o.State).ToDictionary(g => g.Key, g => g.Count());
            var line = $"{orders.Count} imported │ " + string.Join(" │ ",
                new[] { "Normalised", "ShipmentRequested", "ShipmentCreated", "Despatched", "WrittenBack", "Skipped", "NeedsAttention" }
                    .Select(s => $"{s} {counts.GetValueOrDefault(s)}"));
            if (line != lastLine)
            {
                AnsiConsole.MarkupLineInterpolated($"[cyan]{DateTime.Now:HH:mm:ss}[/] {line}");
                lastLine = line;
            }
            if (orders.Count > 0 && orders.All(o => FinalStates.Contains(o.State)))
                return new Outcome(true, orders);
            try { await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken); } catch (OperationCanceledException) { break; }
        }
        return new Outcome(false, orders);
    }

    public static void PrintSummary(IReadOnlyList<OrderView> orders)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Orders");
        table.AddColumns("Order", "State", "Click & Drop", "Tracking", "Reason");
        foreach (var order in orders.OrderBy(o => o.State).ThenBy(o => o.ChannelOrderNumber ?? o.ChannelOrderId, StringComparer.Ordinal))
        {
            var colour = order.State switch { "WrittenBack" => "green", "Skipped" => "grey", "NeedsAttention" => "yellow", _ => "red" };
            table.AddRow(
                Markup.Escape(order.ChannelOrderNumber ?? order.ChannelOrderId),
                $"[{colour}]{order.State}[/]",
                Markup.Escape(order.CarrierShipmentId ?? ""),
                Markup.Escape(order.TrackingNumber ?? ""),
                Markup.Escape(order.Reason ?? ""));
        }
        AnsiConsole.Write(table);
        var byState = orders.GroupBy(o => o.State).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}");
        AnsiConsole.MarkupLineInterpolated($"[bold]{orders.Count} orders:[/] {string.Join(", ", byState)}");
    }
}
