using System.Text.Json;
using LocalHost.Rpc;

namespace LocalHost.Configuration;

/// <summary>
/// Reads functions.metadata (written by the Worker SDK at build time), for a worker that asks the host to index
/// (use_default_metadata_indexing) instead of describing its functions itself.
/// </summary>
internal static class FunctionsMetadataFile
{
    public const string FileName = "functions.metadata";

    public static IReadOnlyList<RpcFunctionMetadata> Load(string appDirectory)
    {
        var path = Path.Combine(appDirectory, FileName);
        if (!File.Exists(path))
            throw new InvalidOperationException($"The worker asked the host to index functions, but {FileName} is not in '{appDirectory}'.");
        using var doc = JsonDocument.Parse(File.ReadAllText(path), JsonFile.Options);
        if (doc.RootElement.ValueKind != JsonValueKind.Array)
            throw new InvalidOperationException($"{path} is not a JSON array of functions.");

        var functions = new List<RpcFunctionMetadata>();
        foreach (var f in doc.RootElement.EnumerateArray())
        {
            var metadata = new RpcFunctionMetadata
            {
                Name = JsonFile.GetString(f, "name") ?? throw new InvalidOperationException($"{path}: a function has no name."),
                ScriptFile = JsonFile.GetString(f, "scriptFile") ?? "",
                EntryPoint = JsonFile.GetString(f, "entryPoint") ?? "",
                Language = JsonFile.GetString(f, "language") ?? "",
                // The host assigns ids to functions it indexes itself.
                FunctionId = Guid.NewGuid().ToString(),
            };
            if (JsonFile.TryGetArray(f, "bindings", out var bindings))
                foreach (var b in bindings.EnumerateArray())
                    metadata.RawBindings.Add(b.GetRawText());
            if (JsonFile.TryGetObject(f, "properties", out var properties))
                foreach (var p in properties.EnumerateObject())
                    metadata.Properties[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText();
            functions.Add(metadata);
        }
        return functions;
    }
}
