namespace LocalHost;

/// <summary>How to start a <see cref="FunctionsLocalHost"/>: which isolated worker app, which settings, which port.</summary>
public sealed class LocalHostOptions
{
    /// <summary>
    /// Build or publish output of an isolated worker app: worker.config.json, host.json, functions.metadata, the app's
    /// dll and .azurefunctions/ (all written by Microsoft.Azure.Functions.Worker.Sdk).
    /// </summary>
    public required string AppDirectory { get; set; }

    /// <summary>Optional local.settings.json (Values, plus our own Keys section); defaults to the app directory's own, if any.</summary>
    public string? SettingsFile { get; set; }

    /// <summary>Settings passed in code; these win over the settings file.</summary>
    public IDictionary<string, string?> Settings { get; set; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Loopback HTTP port for /api routes (0 = any free port).</summary>
    public int HttpPort { get; set; } = 7071;

    /// <summary>Where host and worker output goes; defaults to the console.</summary>
    public Action<string>? Log { get; set; }

    /// <summary>When false, timers fire only through <see cref="FunctionsLocalHost.TriggerTimerAsync"/> (runOnStartup included).</summary>
    public bool EnableTimerSchedules { get; set; } = true;

    /// <summary>When false, queue triggers are not polled (useful to inspect queues by hand).</summary>
    public bool EnableQueueListeners { get; set; } = true;

    /// <summary>How long a worker may take from process start to its last FunctionLoadResponse.</summary>
    public TimeSpan WorkerStartupTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Master key for admin/function HTTP auth; overrides the settings file; random when neither sets it.</summary>
    public string? MasterKey { get; set; }

    /// <summary>Default function key for function-level HTTP auth; overrides the settings file; random when neither sets it.</summary>
    public string? FunctionKey { get; set; }
}
