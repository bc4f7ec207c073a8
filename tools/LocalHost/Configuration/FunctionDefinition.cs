using System.Text.Json;
using LocalHost.Rpc;

namespace LocalHost.Configuration;

/// <summary>One binding of a function, parsed from the worker's raw binding JSON.</summary>
internal sealed record BindingDefinition(string Type, string Direction, string Name, JsonElement Raw)
{
    public bool IsTrigger => Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase);
    public bool IsOutput => Direction.Equals("out", StringComparison.OrdinalIgnoreCase);
    public bool Is(string type) => Type.Equals(type, StringComparison.OrdinalIgnoreCase);
    public string? Get(string property) => JsonFile.GetString(Raw, property);

    /// <summary>The SDK marks bindings the worker wants as ModelBindingData (QueueMessage, BinaryData) with properties.supportsDeferredBinding.</summary>
    public bool SupportsDeferredBinding =>
        JsonFile.TryGetObject(Raw, "properties", out var properties)
        && JsonFile.GetBool(properties, "supportsDeferredBinding") == true
        && JsonFile.GetBool(properties, "skipDeferredBinding") != true;

    public static BindingDefinition Parse(string rawJson, string functionName)
    {
        using var doc = JsonDocument.Parse(rawJson, JsonFile.Options);
        var b = doc.RootElement.Clone();
        var type = JsonFile.GetString(b, "type") ?? throw new InvalidOperationException($"{functionName}: a binding has no type.");
        var name = JsonFile.GetString(b, "name") ?? throw new InvalidOperationException($"{functionName}: the {type} binding has no name.");
        var direction = JsonFile.GetString(b, "direction") ?? (type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase) ? "in" : "out");
        return new BindingDefinition(type, direction, name, b);
    }

    /// <summary>The load request's view of the binding, as the real host builds it from the same metadata.</summary>
    public BindingInfo ToBindingInfo()
    {
        var info = new BindingInfo
        {
            Type = Type,
            Direction = Direction.ToLowerInvariant() switch
            {
                "out" => BindingInfo.Types.Direction.Out,
                "inout" => BindingInfo.Types.Direction.Inout,
                _ => BindingInfo.Types.Direction.In,
            },
        };
        if (Get("dataType") is { } dataType && Enum.TryParse<BindingInfo.Types.DataType>(dataType, ignoreCase: true, out var parsed))
            info.DataType = parsed;
        return info;
    }
}

/// <summary>A function as the worker described it at start-up (worker indexing) or as functions.metadata lists it.</summary>
internal sealed record FunctionDefinition(string Name, RpcFunctionMetadata Metadata, IReadOnlyList<BindingDefinition> Bindings)
{
    public BindingDefinition Trigger => Bindings.Single(b => b.IsTrigger);

    public static FunctionDefinition FromRpc(RpcFunctionMetadata metadata)
    {
        if (string.IsNullOrEmpty(metadata.Name))
            throw new InvalidOperationException("The worker described a function without a name.");
        var bindings = metadata.RawBindings.Select(raw => BindingDefinition.Parse(raw, metadata.Name)).ToList();
        var triggers = bindings.Count(b => b.IsTrigger);
        if (triggers != 1)
            throw new InvalidOperationException($"Function '{metadata.Name}' needs exactly one trigger binding, found {triggers}.");
        return new FunctionDefinition(metadata.Name, metadata, bindings);
    }

    /// <summary>
    /// The FunctionLoadRequest the real host sends for this function: name, entry point, script file and one BindingInfo
    /// per binding (worker-indexed functions have no directory).
    /// </summary>
    public FunctionLoadRequest ToLoadRequest(string functionId)
    {
        var metadata = new RpcFunctionMetadata
        {
            Name = Name,
            Directory = Metadata.Directory ?? "",
            EntryPoint = Metadata.EntryPoint ?? "",
            ScriptFile = Metadata.ScriptFile ?? "",
            IsProxy = false,
        };
        foreach (var binding in Bindings)
            metadata.Bindings[binding.Name] = binding.ToBindingInfo();
        foreach (var (key, value) in Metadata.Properties)
            metadata.Properties[key] = value;
        return new FunctionLoadRequest { FunctionId = functionId, Metadata = metadata };
    }
}
