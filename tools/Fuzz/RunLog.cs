using System.Collections.Concurrent;

namespace Fuzz;

/// <summary>Everything the host and the worker logged during the run, kept for the secrets scan and the failure counts; also written to a file.</summary>
public sealed class RunLog(string path, bool echo) : IDisposable
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly StreamWriter _file = new(path) { AutoFlush = false };
    private readonly Lock _write = new();

    public string Path => path;
    public IReadOnlyCollection<string> Lines => _lines;

    public void Add(string line)
    {
        _lines.Enqueue(line);
        lock (_write)
            _file.WriteLine(line);
        if (echo)
            Console.WriteLine(line);
    }

    /// <summary>For each secret found, its name and how many lines show it (as is, URL-escaped, or base64).</summary>
    public IReadOnlyDictionary<string, int> FindSecrets(IReadOnlyDictionary<string, string> secrets)
    {
        var found = new Dictionary<string, int>();
        var forms = secrets.ToDictionary(s => s.Key, s => new[] { s.Value, Uri.EscapeDataString(s.Value), Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(s.Value)) }.Distinct().ToArray());
        foreach (var line in _lines)
            foreach (var (name, values) in forms)
                if (values.Any(v => line.Contains(v, StringComparison.Ordinal)))
                    found[name] = found.GetValueOrDefault(name) + 1;
        return found;
    }

    /// <summary>The first line that shows a secret, with the secret blanked out, so the report says where without repeating it.</summary>
    public string? FirstShowing(string secret)
    {
        var line = _lines.FirstOrDefault(l => l.Contains(secret, StringComparison.Ordinal) || l.Contains(Uri.EscapeDataString(secret), StringComparison.Ordinal));
        return line?.Replace(secret, "<secret>", StringComparison.Ordinal).Replace(Uri.EscapeDataString(secret), "<secret>", StringComparison.Ordinal);
    }

    public void Dispose()
    {
        lock (_write)
            _file.Dispose();
    }
}
