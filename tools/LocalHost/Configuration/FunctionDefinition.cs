using System.Text.Json;

namespace LocalHost.Configuration;

/// <summary>One function.json binding: the common fields plus the raw element for binding-specific ones.</summary>
internal sealed record BindingDefinition(string Type, string Direction, string Name, JsonElement Raw)
{
    public bool IsTrigger => Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase);
    public bool IsOutput => Direction.Equals("out", StringComparison.OrdinalIgnoreCase);
    public bool Is(string type) => Type.Equals(type, StringComparison.OrdinalIgnoreCase);
    public string? Get(string property) => JsonFile.GetString(Raw, property);
}

/// <summary>A function as declared by its folder: name = folder name, bindings from function.json.</summary>
internal sealed record FunctionDefinition(string Name, IReadOnlyList<BindingDefinition> Bindings, bool Disabled)
{
    public BindingDefinition Trigger => Bindings.Single(b => b.IsTrigger);

    public static IReadOnlyList<FunctionDefinition> LoadAll(string scriptRoot)
    {
        var functions = new List<FunctionDefinition>();
        foreach (var dir in Directory.GetDirectories(scriptRoot).OrderBy(d => d, StringComparer.Ordinal))
        {
            var file = Path.Combine(dir, "function.json");
            if (!File.Exists(file))
                continue;
            functions.Add(Load(Path.GetFileName(dir), file));
        }
        return functions;
    }

    private static FunctionDefinition Load(string name, string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(file), JsonFile.Options);
        var root = doc.RootElement.Clone();
        if (!JsonFile.TryGetArray(root, "bindings", out var bindings))
            throw new InvalidOperationException($"{file}: no bindings array.");
        var list = new List<BindingDefinition>();
        foreach (var b in bindings.EnumerateArray())
        {
            var type = JsonFile.GetString(b, "type") ?? throw new InvalidOperationException($"{file}: a binding has no type.");
            var bindingName = JsonFile.GetString(b, "name") ?? throw new InvalidOperationException($"{file}: the {type} binding has no name.");
            var direction = JsonFile.GetString(b, "direction") ?? (type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase) ? "in" : "out");
            list.Add(new BindingDefinition(type, direction, bindingName, b));
        }
        var triggers = list.Count(b => b.IsTrigger);
        if (triggers != 1)
            throw new InvalidOperationException($"{file}: a function needs exactly one trigger binding, found {triggers}.");
        return new FunctionDefinition(name, list, JsonFile.GetBool(root, "disabled") ?? false);
    }
}
