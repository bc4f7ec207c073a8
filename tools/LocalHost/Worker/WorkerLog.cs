using LocalHost.Rpc;

namespace LocalHost.Worker;

/// <summary>Prints the worker's RpcLog messages through the host's log, with level and category, as the host's console shows them.</summary>
internal sealed class WorkerLog(Action<string> log)
{
    public void Write(RpcLog entry)
    {
        if (entry.Level == RpcLog.Types.Level.None)
            return;
        var text = $"[{Level(entry.Level)}] {entry.Category}: {entry.Message}";
        if (entry.Exception is { } ex && !string.IsNullOrEmpty(ex.Message))
            text += $"\n  {ex.Type} {ex.Message}{(string.IsNullOrEmpty(ex.StackTrace) ? "" : "\n" + ex.StackTrace)}";
        log(text);
    }

    private static string Level(RpcLog.Types.Level level) => level switch
    {
        RpcLog.Types.Level.Trace => "trce",
        RpcLog.Types.Level.Debug => "dbug",
        RpcLog.Types.Level.Information => "info",
        RpcLog.Types.Level.Warning => "warn",
        RpcLog.Types.Level.Error => "fail",
        RpcLog.Types.Level.Critical => "crit",
        _ => level.ToString(),
    };

    /// <summary>A line from the host itself (not from the worker).</summary>
    public void WriteLine(string message) => log(message);
}
