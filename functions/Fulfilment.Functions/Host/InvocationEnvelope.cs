using System.Text.Json;

namespace Fulfilment.Functions.Host;

/// <summary>What the Functions host POSTs to /{FunctionName}: binding data by binding name, and trigger metadata.</summary>
public sealed class InvocationRequest
{
    public Dictionary<string, JsonElement> Data { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, JsonElement> Metadata { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>What we answer: output bindings, log lines for the invocation log, and the return value.</summary>
public sealed class InvocationResponse
{
    public Dictionary<string, object?> Outputs { get; set; } = [];
    public List<string> Logs { get; set; } = [];
    public object? ReturnValue { get; set; }
}
